import DevIssuer
import Foundation
import HTTPServer
import SkillCrypto
import SkillServer
import SkillSupport
import Testing

/// Account linking the way Alexa does it: the user approves at the issuer, Alexa exchanges the
/// code at the skill's token endpoint (our proxy in front of the issuer), refreshes again and
/// again, and sends each new access token with its requests.
@Suite("Account linking through the token endpoint keeps Alexa's refresh working")
struct AccountLinkingEndToEndTests {
    static let audience = "what-should-i-wear"
    static let callback = "http://127.0.0.1/callback"
    static let alexaAuthorization = "Basic " + Data("alexa-skill:dev-secret".utf8).base64EncodedString()

    /// A local issuer that omits `expires_in` on refresh, and the skill server proxying to it.
    static func run(_ body: (_ issuer: DevIssuerServer, _ server: URL) async throws -> Void) async throws {
        let issuer = try DevIssuerServer.start(
            configuration: DevIssuerConfiguration(
                audience: audience,
                signingKey: try RSAPrivateKey.generate(),
                omitExpiresInOnRefresh: true
            ),
            port: 0
        )
        defer { issuer.stop() }

        var configuration = ServeConfiguration(
            issuer: issuer.issuer,
            audience: audience,
            jwksURL: try #require(URL(string: issuer.issuer + ".well-known/jwks.json")),
            skill: SkillSettings(
                weather: .conditionsFile(path: RepositoryFiles.url("scripts/conditions.json").path),
                scopeRequirements: ["WhatShouldIWearIntent": ["read:weather"]]
            )
        )
        configuration.verification = .skipped
        configuration.tokenExchange = TokenExchangeSettings(
            upstream: try #require(URL(string: issuer.issuer + "oauth/token"))
        )
        let app = try SkillServerApp(configuration: configuration, dependencies: .init(logger: .disabled))
        try await withLoopbackServer(app.httpHandler, bodyLimit: app.bodyLimit) { server in
            try await body(issuer, server)
        }
    }

    /// What the user's browser does: approve at `/authorize`; returns the code from the redirect.
    static func authorizationCode(_ issuer: DevIssuerServer) async throws -> String {
        let response = await issuer.service.handle(
            HTTPRequest(
                method: "GET",
                path: "/authorize",
                query: [
                    "response_type": "code", "client_id": "alexa-skill", "redirect_uri": callback,
                    "state": "alexa-state", "scope": "read:weather",
                ]
            )
        )
        #expect(response.status == 302)
        let location = try #require(response.headers["Location"])
        let items = try #require(URLComponents(string: location)?.queryItems)
        #expect(items.first { $0.name == "state" }?.value == "alexa-state")
        return try #require(items.first { $0.name == "code" }?.value)
    }

    /// What Alexa does at the token endpoint: a form post with HTTP Basic client authentication.
    static func tokenRequest(_ url: URL, _ form: String) async throws -> (OutboundResponse, [String: Any]) {
        let response = try await URLSessionHTTPClient().send(
            OutboundRequest(
                url: url.appendingPathComponent("oauth/token"),
                method: "POST",
                headers: [
                    "Content-Type": "application/x-www-form-urlencoded;charset=UTF-8",
                    "Authorization": alexaAuthorization,
                ],
                body: Data(form.utf8),
                timeout: 10
            )
        )
        let object = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        return (response, object)
    }

    static func form(_ pairs: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return pairs.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        }.joined(separator: "&")
    }

    @Test("Code exchange, then refreshes: every answer carries a correct expires_in and the token works")
    func codeExchangeThenRefreshes() async throws {
        try await Self.run { issuer, server in
            let code = try await Self.authorizationCode(issuer)
            let (exchange, tokens) = try await Self.tokenRequest(
                server,
                Self.form([("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Self.callback)])
            )
            #expect(exchange.status == 200)
            #expect(exchange.header("Cache-Control") == "no-store")
            #expect(tokens["expires_in"] as? Int == 3600, "the issuer sends expires_in on the code exchange")
            var refreshToken = try #require(tokens["refresh_token"] as? String)
            var accessToken = try #require(tokens["access_token"] as? String)

            for round in 1...3 {
                let (refresh, refreshed) = try await Self.tokenRequest(
                    server,
                    Self.form([("grant_type", "refresh_token"), ("refresh_token", refreshToken)])
                )
                #expect(refresh.status == 200, "refresh \(round)")
                let expiresIn = try #require(refreshed["expires_in"] as? Int, "refresh \(round) lacks expires_in")
                #expect((3590...3600).contains(expiresIn), "from the new token's exp: \(expiresIn)")
                #expect((refreshed["token_type"] as? String)?.lowercased() == "bearer")
                let rotated = try #require(refreshed["refresh_token"] as? String)
                #expect(rotated != refreshToken, "the issuer rotates refresh tokens")
                refreshToken = rotated
                accessToken = try #require(refreshed["access_token"] as? String)
            }

            let (status, envelope) = try await postJSON(
                server.appendingPathComponent("alexa"),
                body: try sampleEnvelope("what-should-i-wear-seattle", token: accessToken)
            )
            #expect(status == 200)
            #expect(spokenText(envelope)?.contains("raining in Seattle") == true)
        }
    }

    @Test("Without the proxy the issuer's refresh answer has no expires_in: the bug the endpoint exists for")
    func issuerAloneOmitsExpiresIn() async throws {
        try await Self.run { issuer, _ in
            let code = try await Self.authorizationCode(issuer)
            let issuerURL = try #require(URL(string: issuer.issuer))
            let (_, tokens) = try await Self.tokenRequest(
                issuerURL,
                Self.form([("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Self.callback)])
            )
            let refreshToken = try #require(tokens["refresh_token"] as? String)
            let (_, refreshed) = try await Self.tokenRequest(
                issuerURL,
                Self.form([("grant_type", "refresh_token"), ("refresh_token", refreshToken)])
            )
            #expect(refreshed["access_token"] != nil)
            #expect(refreshed["expires_in"] == nil)
        }
    }

    @Test("A reused refresh token's invalid_grant passes through unchanged, with nothing added")
    func invalidGrantPassesThrough() async throws {
        try await Self.run { issuer, server in
            let code = try await Self.authorizationCode(issuer)
            let (_, tokens) = try await Self.tokenRequest(
                server,
                Self.form([("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Self.callback)])
            )
            let refreshToken = try #require(tokens["refresh_token"] as? String)
            let form = Self.form([("grant_type", "refresh_token"), ("refresh_token", refreshToken)])
            _ = try await Self.tokenRequest(server, form)

            let (reused, error) = try await Self.tokenRequest(server, form)
            #expect(reused.status == 400)
            #expect(error["error"] as? String == "invalid_grant")
            #expect(error["expires_in"] == nil)
        }
    }

    @Test("A wrong client secret is answered 401 invalid_client at once, challenge included")
    func wrongSecret() async throws {
        try await Self.run { _, server in
            // The proxy is reached over HTTP and itself calls the issuer over HTTP; the answer is
            // read with curl because URLSession on Linux drops the body of a 401 challenge.
            let curl = try #require(E2EProcess.find("curl"))
            let outcome = try await E2EProcess.runDetached(
                curl,
                [
                    "-sS", "--max-time", "10", "-u", "alexa-skill:wrong", "-D", "-", "-d",
                    "grant_type=client_credentials",
                    server.appendingPathComponent("oauth/token").absoluteString,
                ]
            ).get()
            let text = String(decoding: outcome.standardOutput, as: UTF8.self)

            #expect(text.hasPrefix("HTTP/1.1 401"))
            #expect(text.lowercased().contains("www-authenticate: basic"))
            #expect(text.lowercased().contains("cache-control: no-store"))
            #expect(text.contains(#""error":"invalid_client""#))
        }
    }
}
