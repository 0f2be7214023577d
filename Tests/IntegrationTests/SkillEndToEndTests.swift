import AccessToken
import Foundation
import HTTPServer
import SkillCrypto
import SkillServer
import SkillSupport
import Testing

/// The whole path in one process: a JWKS issuer, recorded Open-Meteo answers and the skill
/// server each on their own loopback port, talking real HTTP through `URLSessionHTTPClient`.
struct SkillStack {
    static let audience = "what-should-i-wear"
    static let skillID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"

    let alexaURL: URL
    let baseURL: URL
    let issuer: String
    let minter: AccessTokenMinter
    let jwksRequests: RequestCounter
    let weather: RecordedOpenMeteo

    func token(scopes: [String], audience: String = SkillStack.audience, lifetime: Double = 600) throws -> String {
        try minter.mint(issuer: issuer, audience: audience, subject: "user-1", scopes: scopes, lifetime: lifetime)
    }

    /// Starts the three servers, runs `body`, stops them.
    static func run(_ body: (SkillStack) async throws -> Void) async throws {
        let key = try RSAPrivateKey.generate()
        let minter = try AccessTokenMinter(privateKey: key)
        let jwks = try PublicJWK.keySetDocument([try key.publicKey])
        let jwksRequests = RequestCounter()
        let issuerHandler = ClosureHTTPHandler { request in
            jwksRequests.record(request.path)
            return request.path == "/.well-known/jwks.json"
                ? .json(200, Array(jwks.utf8)) : .jsonError(404, code: "not_found", message: "")
        }
        let weather = RecordedOpenMeteo()

        try await withLoopbackServer(issuerHandler) { issuerURL in
            try await withLoopbackServer(weather) { weatherURL in
                let issuer = issuerURL.absoluteString + "/"
                var configuration = ServeConfiguration(
                    issuer: issuer,
                    audience: audience,
                    jwksURL: try #require(URL(string: issuer + ".well-known/jwks.json")),
                    skill: SkillSettings(
                        weather: .openMeteo(forecastBaseURL: weatherURL, geocodingBaseURL: weatherURL),
                        scopeRequirements: ["WhatShouldIWearIntent": ["read:weather"]]
                    )
                )
                configuration.verification = .skipped
                configuration.skillIDs = [skillID]
                let app = try SkillServerApp(configuration: configuration, dependencies: .init(logger: .disabled))

                try await withLoopbackServer(app.httpHandler, bodyLimit: app.bodyLimit) { serverURL in
                    let stack = SkillStack(
                        alexaURL: serverURL.appendingPathComponent("alexa"),
                        baseURL: serverURL,
                        issuer: issuer,
                        minter: minter,
                        jwksRequests: jwksRequests,
                        weather: weather
                    )
                    try await body(stack)
                }
            }
        }
    }
}

@Suite("The skill answers real requests end to end over loopback HTTP")
struct SkillEndToEndTests {
    @Test("A linked user with the scope gets advice for the city from the weather service")
    func linkedUserGetsAdvice() async throws {
        try await SkillStack.run { stack in
            let token = try stack.token(scopes: ["read:weather"])
            let (status, envelope) = try await postJSON(
                stack.alexaURL,
                body: try sampleEnvelope("what-should-i-wear-seattle", token: token)
            )

            #expect(status == 200)
            let speech = try #require(spokenText(envelope))
            // 7.2 °C, spoken in Fahrenheit for en-US.
            #expect(speech.hasPrefix("It's 45 degrees and raining in Seattle"))
            #expect(speech.contains("umbrella"))
            #expect(cardType(envelope) == "Simple")
            #expect(stack.weather.counter.count("/v1/search") == 1)
            #expect(stack.weather.counter.count("/v1/forecast") == 1)
        }
    }

    @Test(
        "Without the scope, without a token, or with an expired or foreign token: the link-account answer",
        arguments: ["no scope", "no token", "expired", "wrong audience"]
    )
    func linkAccountAnswers(case name: String) async throws {
        try await SkillStack.run { stack in
            let token: String?
            switch name {
            case "no scope": token = try stack.token(scopes: ["profile"])
            case "expired": token = try stack.token(scopes: ["read:weather"], lifetime: -600)
            case "wrong audience": token = try stack.token(scopes: ["read:weather"], audience: "another-skill")
            default: token = nil
            }
            let (status, envelope) = try await postJSON(
                stack.alexaURL,
                body: try sampleEnvelope("what-should-i-wear-seattle", token: token)
            )

            #expect(status == 200)
            #expect(cardType(envelope) == "LinkAccount")
            let speech = try #require(spokenText(envelope))
            #expect(!speech.contains("Seattle"))
            #expect(speech.contains(name == "no scope" ? "doesn't allow" : "link your account"))
            #expect(stack.weather.counter.count("/v1/search") == 0, "no weather lookup for an unlinked user")
        }
    }

    @Test("The issuer's keys are fetched once and then served from the cache")
    func jwksIsCached() async throws {
        try await SkillStack.run { stack in
            for _ in 0..<5 {
                let token = try stack.token(scopes: ["read:weather"])
                let (status, _) = try await postJSON(
                    stack.alexaURL,
                    body: try sampleEnvelope("what-should-i-wear-seattle", token: token)
                )
                #expect(status == 200)
            }
            #expect(stack.jwksRequests.count("/.well-known/jwks.json") == 1)
        }
    }

    @Test("A city the geocoder does not know gets a clear spoken answer")
    func unknownCity() async throws {
        try await SkillStack.run { stack in
            let token = try stack.token(scopes: ["read:weather"])
            let (status, envelope) = try await postJSON(
                stack.alexaURL,
                body: try sampleEnvelope("what-should-i-wear-unknown-city", token: token)
            )
            #expect(status == 200)
            #expect(spokenText(envelope) == "I couldn't find a place called Atlantis.")
        }
    }

    @Test("Every shipped sample gets a 200 answer with a response envelope")
    func everySample() async throws {
        let names = try FileManager.default.contentsOfDirectory(
            atPath: RepositoryFiles.url("interaction-model/samples").path
        )
        .filter { $0.hasSuffix(".json") }
        #expect(names.count >= 8)
        try await SkillStack.run { stack in
            for name in names {
                let body = try sampleEnvelope(
                    String(name.dropLast(5)),
                    token: try stack.token(scopes: ["read:weather"])
                )
                let (status, envelope) = try await postJSON(stack.alexaURL, body: body)
                #expect(status == 200, "\(name)")
                #expect(envelope["version"] as? String == "1.0", "\(name)")
            }
        }
    }

    @Test("Bad input gets clear HTTP errors: malformed JSON 400, oversized 413, wrong skill 400, unknown path 404")
    func badInput() async throws {
        try await SkillStack.run { stack in
            let (malformed, malformedBody) = try await postJSON(stack.alexaURL, body: Array("{\"version\":".utf8))
            #expect(malformed == 400)
            #expect(malformedBody["error"] as? String == "malformed_request")

            let (oversized, _) = try await postJSON(stack.alexaURL, body: [UInt8](repeating: 0x20, count: 200 * 1024))
            #expect(oversized == 413)

            var foreign = try #require(
                try JSONSerialization.jsonObject(with: Data(sampleEnvelope("launch", token: nil))) as? [String: Any]
            )
            foreign["context"] = ["System": ["application": ["applicationId": "amzn1.ask.skill.someone-else"]]]
            foreign["session"] = nil
            let (mismatch, mismatchBody) = try await postJSON(
                stack.alexaURL,
                body: Array(try JSONSerialization.data(withJSONObject: foreign))
            )
            #expect(mismatch == 400)
            #expect(mismatchBody["reason"] as? String == "skill_id_mismatch")

            let (missing, _) = try await postJSON(stack.baseURL.appendingPathComponent("nothing"), body: [])
            #expect(missing == 404)

            let health = try await URLSessionHTTPClient().send(
                OutboundRequest(url: stack.baseURL.appendingPathComponent("healthz"))
            )
            #expect(health.status == 200)
        }
    }
}
