import Foundation
import SkillSupport
import Testing

@testable import AlexaSkill

struct ResponseEncodingTests {
    @Test func shouldEndSessionIsOmittedWhenNil() throws {
        let encoded = try jsonValue(of: ResponseBuilder().speak("Hi").build())

        #expect(encoded["response"]?["shouldEndSession"] == nil)
        #expect(encoded["response"]?["directives"] == nil)
        #expect(encoded["response"]?["card"] == nil)
        #expect(encoded["response"]?["reprompt"] == nil)
        #expect(encoded["sessionAttributes"] == [:])
        #expect(encoded["version"] == "1.0")
    }

    @Test func emptyResponse() throws {
        let expected = try jsonValue(#"{"version":"1.0","sessionAttributes":{},"response":{}}"#)

        #expect(try jsonValue(of: ResponseEnvelope.empty) == expected)
    }

    @Test func plainTextSpeech() throws {
        let built = ResponseBuilder().speakPlainText("Tom & Jerry").shouldEndSession(true).build()
        let expected = try jsonValue(
            """
            {"version":"1.0","sessionAttributes":{},
             "response":{"outputSpeech":{"type":"PlainText","text":"Tom & Jerry"},"shouldEndSession":true}}
            """
        )

        #expect(try jsonValue(of: built) == expected)
    }

    @Test func standardCardWithoutImageOmitsIt() throws {
        let encoded = try jsonValue(of: ResponseBuilder().standardCard(title: "T", text: "X").build())

        #expect(encoded["response"]?["card"] == ["type": "Standard", "title": "T", "text": "X"])
    }

    @Test func sessionAttributesAreKeptAsJSON() throws {
        let built = ResponseBuilder()
            .sessionAttributes(["count": 2, "city": "Oslo"])
            .sessionAttribute("flags", [true, nil, 1.5])
            .build()
        let encoded = try jsonValue(of: built)

        #expect(encoded["sessionAttributes"] == ["count": 2, "city": "Oslo", "flags": [true, nil, 1.5]])
    }

    @Test func laterCallsReplaceEarlierOnes() {
        let built = ResponseBuilder()
            .speak("first")
            .speak("second")
            .linkAccountCard()
            .simpleCard(title: "t", content: "c")

        #expect(built.build().response.outputSpeech == .ssml("<speak>second</speak>"))
        #expect(built.build().response.card == .simple(title: "t", content: "c"))
    }

    @Test func askKeepsTheSessionOpen() {
        let response = ResponseBuilder.ask("Which city?", reprompt: "Which city, please?").build().response

        #expect(response.shouldEndSession == false)
        #expect(response.reprompt == Reprompt(outputSpeech: .ssml("<speak>Which city, please?</speak>")))
    }

    @Test func encodedJSONIsCompactAndDecodable() throws {
        let envelope = ResponseBuilder.tell("Done.").linkAccountCard().build()
        let bytes = try envelope.encodedJSON()
        let text = try #require(String(bytes: bytes, encoding: .utf8))

        #expect(!text.contains("\n"))
        #expect(try JSONDecoder().decode(ResponseEnvelope.self, from: Data(bytes)) == envelope)
    }

    @Test func nonFiniteNumbersCannotBeEncoded() {
        let envelope = ResponseBuilder().sessionAttribute("bad", .number(.nan)).build()

        #expect(throws: ResponseEncodingError(code: .notRepresentable)) {
            try envelope.encodedJSON()
        }
    }

    @Test func unknownCardTypeDoesNotDecode() {
        let text = #"{"version":"1.0","response":{"card":{"type":"Hologram"}}}"#

        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ResponseEnvelope.self, from: Data(text.utf8))
        }
    }
}

struct JSONValueTests {
    @Test func decodesEveryKind() throws {
        let value = try jsonValue(#"{"a":null,"b":true,"c":1.25,"d":"x","e":[1,"2"],"f":{"g":false}}"#)

        #expect(value == ["a": nil, "b": true, "c": 1.25, "d": "x", "e": [1, "2"], "f": ["g": false]])
        #expect(value["b"]?.boolValue == true)
        #expect(value["c"]?.numberValue == 1.25)
        #expect(value["d"]?.stringValue == "x")
        #expect(value["missing"] == nil)
        #expect(value["e"]?["g"] == nil)
    }

    @Test func booleansStayBooleans() throws {
        #expect(try jsonValue("[true, 1, 0, false]") == [.bool(true), .number(1), .number(0), .bool(false)])
    }

    @Test func roundTrip() throws {
        let value: JSONValue = ["list": [1, 2.5, "three", nil, ["deep": [true]]], "empty": [:], "none": []]

        #expect(try jsonValue(of: value) == value)
    }
}
