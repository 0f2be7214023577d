import AlexaSkill
import Foundation
import SkillSupport
import Testing
import WhatShouldIWear

/// A token checker that answers from a table keyed by token text.
struct TableTokenChecker: AccessTokenChecker {
    var answers: [String: AccountLinkStatus]

    func check(accessToken: String) async -> AccountLinkStatus {
        answers[accessToken] ?? .invalid(reason: "unknown_test_token")
    }
}

@Suite("What should I wear: the skill's handlers on the shipped samples")
struct WhatShouldIWearSkillTests {
    let checker = TableTokenChecker(answers: [
        "granted": .linked(LinkedAccount(subject: "user-1", scopes: ["read:weather", "openid"])),
        "no-scope": .linked(LinkedAccount(subject: "user-2", scopes: ["openid", "read:weathers"])),
        "expired": .invalid(reason: "expired"),
    ])

    func router(defaultCity: String? = "Seattle") throws -> SkillRouter {
        let weather = try ConditionsFileWeatherProvider(path: RepositoryFiles.demoConditions.path)
        let skill = WhatShouldIWearSkill(weather: weather, defaultCity: defaultCity)
        return skill.router(tokenChecker: checker, logger: .disabled)
    }

    /// The sample envelope named `name`, with `token` placed where Alexa puts it.
    func sample(_ name: String, token: String? = nil) throws -> [UInt8] {
        let url = RepositoryFiles.root.appendingPathComponent("interaction-model/samples/\(name).json")
        let data = try Data(contentsOf: url)
        guard let token else { return Array(data) }
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var context = try #require(object["context"] as? [String: Any])
        var system = try #require(context["System"] as? [String: Any])
        var user = try #require(system["user"] as? [String: Any])
        user["accessToken"] = token
        system["user"] = user
        context["System"] = system
        object["context"] = context
        return Array(try JSONSerialization.data(withJSONObject: object))
    }

    func answer(_ name: String, token: String? = nil, defaultCity: String? = "Seattle") async throws -> Response {
        let result = try await router(defaultCity: defaultCity).handle(body: try sample(name, token: token))
        return try result.get().response
    }

    @Test("A linked user with the scope gets advice for the named city, with a card")
    func adviceForCity() async throws {
        let response = try await answer("what-should-i-wear-seattle", token: "granted")
        #expect(response.outputSpeech?.transcript.contains("raining in Seattle") == true)
        #expect(response.outputSpeech?.transcript.contains("umbrella") == true)
        #expect(response.outputSpeech?.transcript.contains("45 degrees") == true, "en-US speaks Fahrenheit")
        #expect(
            response.card == .simple(title: "What to wear: Seattle", content: response.outputSpeech?.transcript ?? "")
        )
        #expect(response.shouldEndSession == true)
    }

    @Test("en-GB answers in Celsius")
    func celsiusForBritishEnglish() async throws {
        let response = try await answer("what-should-i-wear-london-en-GB", token: "granted")
        let text = try #require(response.outputSpeech?.transcript)
        #expect(text.contains("in London"))
        #expect(!text.contains("Fahrenheit"))
    }

    @Test("Without a city the configured default city is used, and without one the skill asks")
    func defaultCity() async throws {
        let withDefault = try await answer("what-should-i-wear-no-city", token: "granted")
        #expect(withDefault.outputSpeech?.transcript.contains("in Seattle") == true)

        let withoutDefault = try await answer("what-should-i-wear-no-city", token: "granted", defaultCity: nil)
        #expect(withoutDefault.outputSpeech?.transcript == SpokenPhrases.whichCity)
        #expect(withoutDefault.shouldEndSession == false)
    }

    @Test("An unknown city gets a clear spoken answer")
    func unknownCity() async throws {
        let response = try await answer("what-should-i-wear-unknown-city", token: "granted")
        #expect(response.outputSpeech?.transcript == "I couldn't find a place called Atlantis.")
    }

    @Test(
        "No token, an invalid token or a missing scope get the link-account answer and card",
        arguments: [nil, "expired", "not-a-known-token", "no-scope"] as [String?]
    )
    func linkAccount(token: String?) async throws {
        let response = try await answer("what-should-i-wear-seattle", token: token)
        #expect(response.card == .linkAccount)
        let text = try #require(response.outputSpeech?.transcript)
        #expect(!text.contains("Seattle"))
        let expected = token == "no-scope" ? GenericReplies.english.missingScope : GenericReplies.english.linkAccount
        #expect(text == expected)
    }

    @Test("Launch, help, stop, cancel, fallback and session end need no linked account")
    func builtIns() async throws {
        let launch = try await answer("launch")
        #expect(launch.outputSpeech?.transcript == SkillPhrases.welcome)
        #expect(launch.reprompt != nil)
        #expect(launch.shouldEndSession == false)

        let help = try await answer("help")
        #expect(help.outputSpeech?.transcript == SkillPhrases.help)
        #expect(help.shouldEndSession == false)

        for name in ["stop", "cancel"] {
            let response = try await answer(name)
            #expect(response.outputSpeech?.transcript == SkillPhrases.goodbye)
            #expect(response.shouldEndSession == true)
        }

        let fallback = try await answer("fallback")
        #expect(fallback.outputSpeech?.transcript == SkillPhrases.fallback)

        for name in ["session-ended", "session-ended-error", "playback-stopped-no-session"] {
            let response = try await answer(name)
            #expect(response.outputSpeech == nil)
            #expect(response.card == nil)
        }
    }

    @Test("A weather service that does not answer gets a clear spoken answer, not an error")
    func weatherUnavailable() async throws {
        let client = ScriptedHTTPClient(["/v1/search": .fail(.timeout)])
        let skill = WhatShouldIWearSkill(weather: OpenMeteoWeatherProvider(client: client))
        let router = skill.router(tokenChecker: checker, logger: .disabled)
        let envelope = try await router.handle(body: sample("what-should-i-wear-seattle", token: "granted")).get()
        #expect(envelope.response.outputSpeech?.transcript == SpokenPhrases.weatherUnavailable)
    }
}
