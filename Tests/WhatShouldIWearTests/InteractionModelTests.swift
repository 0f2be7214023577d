import Foundation
import Testing

/// Checks the shipped skill package and sample envelopes against the rules Alexa enforces at
/// build time, so a broken file fails here rather than in the developer console.
@Suite("Interaction model and samples")
struct InteractionModelTests {
    static let folder = RepositoryFiles.root.appendingPathComponent("interaction-model")
    static let skillID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"

    struct LanguageModel: Decodable {
        struct Intent: Decodable {
            struct Slot: Decodable {
                var name: String
                var type: String
            }

            var name: String
            var slots: [Slot]?
            var samples: [String]
        }

        var invocationName: String
        var intents: [Intent]
    }

    struct ModelFile: Decodable {
        struct Wrapper: Decodable { var languageModel: LanguageModel }
        var interactionModel: Wrapper
    }

    static func model(_ locale: String) throws -> LanguageModel {
        let url = folder.appendingPathComponent("skill-package/interactionModels/custom/\(locale).json")
        return try JSONDecoder().decode(ModelFile.self, from: Data(contentsOf: url)).interactionModel.languageModel
    }

    static func json(_ relative: String) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent(relative))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test("invocation name follows Alexa's rules", arguments: ["en-US", "en-GB"])
    func invocationName(_ locale: String) throws {
        let name = try Self.model(locale).invocationName
        let words = name.split(separator: " ").map(String.init)

        #expect(words.count >= 2)
        #expect(name.allSatisfy { ("a"..."z").contains($0) || $0 == " " || $0 == "'" || $0 == "." })
        let forbidden: Set = [
            "alexa", "amazon", "echo", "computer", "skill", "app", "ask", "tell", "open", "launch", "start",
            "run", "play", "resume", "use", "load", "begin", "enable",
        ]
        #expect(forbidden.isDisjoint(with: words))
    }

    @Test("the skill intent and every required built-in are declared", arguments: ["en-US", "en-GB"])
    func intents(_ locale: String) throws {
        let names = Set(try Self.model(locale).intents.map(\.name))
        let required: Set = [
            "WhatShouldIWearIntent", "AMAZON.HelpIntent", "AMAZON.StopIntent", "AMAZON.CancelIntent",
            "AMAZON.FallbackIntent", "AMAZON.NavigateHomeIntent",
        ]
        #expect(required.isSubset(of: names))
    }

    @Test("samples are varied, unique, well formed and use only declared slots", arguments: ["en-US", "en-GB"])
    func samples(_ locale: String) throws {
        let intent = try #require(try Self.model(locale).intents.first { $0.name == "WhatShouldIWearIntent" })
        let slots = intent.slots ?? []
        #expect(slots.map(\.name) == ["city"])
        #expect(slots.first?.type == "AMAZON.City")

        #expect(intent.samples.count >= 30)
        #expect(Set(intent.samples).count == intent.samples.count)
        #expect(intent.samples.contains("what should i wear"))
        #expect(intent.samples.contains("what should i wear in {city}"))
        #expect(intent.samples.contains { !$0.contains("{") })
        for sample in intent.samples {
            let withoutSlots = sample.replacingOccurrences(of: "{city}", with: "")
            #expect(!withoutSlots.contains("{") && !withoutSlots.contains("}"), "\(sample)")
            #expect(
                withoutSlots.allSatisfy { ("a"..."z").contains($0) || $0 == " " || $0 == "'" || $0 == "." },
                "\(sample)"
            )
        }
    }

    @Test("the manifest names both locales and an HTTPS endpoint")
    func manifest() throws {
        let root = try Self.json("skill-package/skill.json")
        let manifest = try #require(root["manifest"] as? [String: Any])
        let publishing = try #require(manifest["publishingInformation"] as? [String: Any])
        let locales = try #require(publishing["locales"] as? [String: Any])
        #expect(Set(locales.keys) == ["en-US", "en-GB"])

        let apis = try #require(manifest["apis"] as? [String: Any])
        let custom = try #require(apis["custom"] as? [String: Any])
        let endpoint = try #require(custom["endpoint"] as? [String: Any])
        #expect((endpoint["uri"] as? String)?.hasPrefix("https://") == true)
    }

    @Test("account linking asks for the read:weather scope and carries no secret")
    func accountLinking() throws {
        let request = try #require(try Self.json("account-linking.json")["accountLinkingRequest"] as? [String: Any])
        #expect(request["scopes"] as? [String] == ["read:weather"])
        #expect(request["clientSecret"] == nil)
    }

    static let sampleFiles = [
        "launch.json", "what-should-i-wear-seattle.json", "what-should-i-wear-no-city.json",
        "what-should-i-wear-unknown-city.json", "what-should-i-wear-london-en-GB.json", "help.json", "stop.json",
        "cancel.json", "fallback.json", "session-ended.json", "session-ended-error.json",
        "playback-stopped-no-session.json",
    ]

    @Test("samples share one skill id and carry no account-linking token", arguments: sampleFiles)
    func sample(_ file: String) throws {
        let envelope = try Self.json("samples/\(file)")
        #expect(envelope["version"] as? String == "1.0")

        let context = try #require(envelope["context"] as? [String: Any])
        let system = try #require(context["System"] as? [String: Any])
        let application = try #require(system["application"] as? [String: Any])
        #expect(application["applicationId"] as? String == Self.skillID)
        let user = try #require(system["user"] as? [String: Any])
        #expect(user["accessToken"] == nil)

        if let session = envelope["session"] as? [String: Any] {
            let sessionApplication = try #require(session["application"] as? [String: Any])
            #expect(sessionApplication["applicationId"] as? String == Self.skillID)
            #expect((session["user"] as? [String: Any])?["accessToken"] == nil)
        } else {
            #expect(file == "playback-stopped-no-session.json")
        }

        let request = try #require(envelope["request"] as? [String: Any])
        #expect(request["type"] is String)
        #expect((request["requestId"] as? String)?.hasPrefix("amzn1.echo-api.request.") == true)
        #expect(request["timestamp"] is String)
        #expect(request["locale"] as? String == (file.hasSuffix("en-GB.json") ? "en-GB" : "en-US"))
    }

    @Test("every sample file is listed here, so none goes unchecked")
    func allSamplesListed() throws {
        let samples = Self.folder.appendingPathComponent("samples").path
        let present = try FileManager.default.contentsOfDirectory(atPath: samples)
            .filter { $0.hasSuffix(".json") }
        #expect(Set(present) == Set(Self.sampleFiles))
    }
}
