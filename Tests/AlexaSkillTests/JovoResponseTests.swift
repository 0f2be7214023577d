import Foundation
import SkillSupport
import Testing

@testable import AlexaSkill

/// Rebuilds each Jovo response fixture with `ResponseBuilder` and compares the two as JSON values.
@Suite("Jovo response fixtures", .enabled(if: Vectors.available, Vectors.missingMessage))
struct JovoResponseTests {
    static let folder = "alexa/responses/jovo"

    static func fixture(_ name: String) throws -> JSONValue {
        try Vectors.json("\(folder)/\(name).json")
    }

    static func ask() -> ResponseBuilder {
        ResponseBuilder().speak("Simple Ask").reprompt("Simple Ask Reprompt").shouldEndSession(false)
    }

    @Test func everyFixtureHasATest() {
        let tested: Set = [
            "ASK.json", "TELL.json", "SimpleCardTell.json", "StandardCardAsk.json", "LinkAccountCardAsk.json",
            "CountryPostalCardAsk.json", "FullAddressCardAsk.json", "directives.json",
        ]
        #expect(Set(Vectors.jsonFiles(in: Self.folder)) == tested)
    }

    @Test func ask() throws {
        #expect(try jsonValue(of: Self.ask().build()) == Self.fixture("ASK"))
    }

    @Test func tell() throws {
        let built = ResponseBuilder().speak("Simple Tell").shouldEndSession(true).build()

        #expect(try jsonValue(of: built) == Self.fixture("TELL"))
        #expect(try jsonValue(of: ResponseBuilder.tell("Simple Tell").build()) == Self.fixture("TELL"))
    }

    /// Amazon's response reference names the Simple card body `content`; the Jovo fixture writes `text`.
    /// The builder follows Amazon, so the fixture is compared with that one member renamed.
    @Test func simpleCardTell() throws {
        let built = ResponseBuilder()
            .speak("Simple Tell")
            .simpleCard(title: "Simple Title", content: "Simple Text")
            .shouldEndSession(true)
            .build()
        let encoded = try jsonValue(of: built)

        #expect(encoded != (try Self.fixture("SimpleCardTell")))
        #expect(encoded == (try Self.renamingSimpleCardText(Self.fixture("SimpleCardTell"))))
        #expect(encoded["response"]?["card"]?["content"] == "Simple Text")
        #expect(encoded["response"]?["card"]?["text"] == nil)
    }

    @Test func standardCardAsk() throws {
        let built = Self.ask()
            .standardCard(
                title: "Standard Title",
                text: "Standard Text",
                smallImageURL: "https://via.placeholder.com/720x480",
                largeImageURL: "https://via.placeholder.com/1200x800"
            )
            .build()

        #expect(try jsonValue(of: built) == Self.fixture("StandardCardAsk"))
    }

    @Test func linkAccountCardAsk() throws {
        let built = Self.ask().linkAccountCard().build()

        #expect(try jsonValue(of: built) == Self.fixture("LinkAccountCardAsk"))
    }

    @Test func countryPostalCardAsk() throws {
        let built = Self.ask()
            .askForPermissionsConsentCard(permissions: ["read::alexa:device:all:address:country_and_postal_code"])
            .build()

        #expect(try jsonValue(of: built) == Self.fixture("CountryPostalCardAsk"))
    }

    @Test func fullAddressCardAsk() throws {
        let built = Self.ask().askForPermissionsConsentCard(permissions: ["read::alexa:device:all:address"]).build()

        #expect(try jsonValue(of: built) == Self.fixture("FullAddressCardAsk"))
    }

    /// Directives pass through untouched, including the APL-like object that has no `type`.
    @Test func directives() throws {
        let fixture = try Self.fixture("directives")
        guard case .array(let directives) = fixture["response"]?["directives"] else {
            Issue.record("fixture has no directives array")
            return
        }
        var builder = ResponseBuilder()
            .speak("Sample Text")
            .reprompt("What else can I do for you?")
            .standardCard(
                title: "Standard Title",
                text: "Standard Text",
                smallImageURL: "https://via.placeholder.com/720x480",
                largeImageURL: "https://via.placeholder.com/1200x800"
            )
            .shouldEndSession(false)
            .sessionAttribute("session", "attribute")
        for directive in directives {
            builder = builder.addDirective(directive)
        }
        let encoded = try jsonValue(of: builder.build())

        #expect(directives.count == 4)
        #expect(directives.contains { $0["type"] == nil && $0["document"]?["type"] == "APL" })
        #expect(encoded == fixture)
    }

    /// Decoding a fixture and encoding it again gives the same JSON (cards, speech, directives round-trip).
    @Test(arguments: ["ASK", "TELL", "StandardCardAsk", "LinkAccountCardAsk", "FullAddressCardAsk", "directives"])
    func decodeAndEncodeAgain(name: String) throws {
        let bytes = try Vectors.bytes("\(Self.folder)/\(name).json")
        let decoded = try JSONDecoder().decode(ResponseEnvelope.self, from: Data(bytes))

        #expect(try jsonValue(of: decoded) == Self.fixture(name))
    }

    static func renamingSimpleCardText(_ value: JSONValue) -> JSONValue {
        guard case .object(var envelope) = value,
            case .object(var response)? = envelope["response"],
            case .object(var card)? = response["card"],
            let text = card.removeValue(forKey: "text")
        else { return value }
        card["content"] = text
        response["card"] = .object(card)
        envelope["response"] = .object(response)
        return .object(envelope)
    }
}
