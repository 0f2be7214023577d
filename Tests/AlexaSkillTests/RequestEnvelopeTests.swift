import Foundation
import Testing

@testable import AlexaSkill

/// Envelope behaviour on hand-written bodies: timestamps, the access-token fallback, decoding errors.
struct RequestEnvelopeTests {
    static func body(
        timestamp: String = "\"2015-05-13T12:34:56Z\"",
        contextUser: String = "{\"userId\":\"u\"}",
        sessionUser: String = "{\"userId\":\"u\"}",
        type: String = "LaunchRequest"
    ) -> [UInt8] {
        let text = """
            {"version":"1.0",
             "session":{"new":true,"sessionId":"s","application":{"applicationId":"a"},"user":\(sessionUser)},
             "context":{"System":{"application":{"applicationId":"a"},"user":\(contextUser)}},
             "request":{"type":"\(type)","requestId":"r","timestamp":\(timestamp),"locale":"en-GB"}}
            """
        return Array(text.utf8)
    }

    @Test func timestampWithoutFractionalSeconds() throws {
        let envelope = try RequestEnvelope.decode(Self.body())

        #expect(envelope.request.timestamp.rawValue == "2015-05-13T12:34:56Z")
        #expect(envelope.request.timestamp.date == Date(timeIntervalSince1970: 1_431_520_496))
    }

    @Test func timestampWithFractionalSeconds() throws {
        let envelope = try RequestEnvelope.decode(Self.body(timestamp: "\"2018-04-25T13:17:12.624Z\""))
        let date = try #require(envelope.request.timestamp.date)

        #expect(abs(date.timeIntervalSince1970 - 1_524_662_232.624) < 0.0005)
    }

    @Test func timestampWithOffsetIsTheSameInstant() {
        let timestamp = AlexaTimestamp(rawValue: "2015-05-13T14:34:56+02:00")

        #expect(timestamp.date == Date(timeIntervalSince1970: 1_431_520_496))
    }

    /// Decision: a bad timestamp keeps the envelope; the date is nil and `requireDate()` throws.
    @Test(arguments: ["\"yesterday\"", "\"2015-13-45T99:99:99Z\"", "\"\"", "\"2015-05-13\""])
    func badTimestampKeepsRawTextWithoutDate(timestamp: String) throws {
        let envelope = try RequestEnvelope.decode(Self.body(timestamp: timestamp))

        #expect(envelope.request.timestamp.date == nil)
        #expect("\"\(envelope.request.timestamp.rawValue)\"" == timestamp)
        #expect(throws: RequestDecodingError(code: .invalidTimestamp, field: "request.timestamp")) {
            try envelope.request.timestamp.requireDate()
        }
    }

    @Test func numericTimestampIsAnInvalidField() {
        #expect(throws: RequestDecodingError(code: .invalidField, field: "request.timestamp")) {
            try RequestEnvelope.decode(Self.body(timestamp: "1431520496"))
        }
    }

    @Test func accessTokenPrefersContextSystemUser() throws {
        let envelope = try RequestEnvelope.decode(
            Self.body(
                contextUser: "{\"userId\":\"u\",\"accessToken\":\"from-context\"}",
                sessionUser: "{\"userId\":\"u\",\"accessToken\":\"from-session\"}"
            )
        )

        #expect(envelope.accessToken == "from-context")
    }

    @Test func accessTokenFallsBackToSessionUser() throws {
        let envelope = try RequestEnvelope.decode(
            Self.body(sessionUser: "{\"userId\":\"u\",\"accessToken\":\"from-session\"}")
        )

        #expect(envelope.context?.system?.user?.accessToken == nil)
        #expect(envelope.accessToken == "from-session")
    }

    @Test func emptyContextTokenFallsBackToSessionUser() throws {
        let envelope = try RequestEnvelope.decode(
            Self.body(
                contextUser: "{\"userId\":\"u\",\"accessToken\":\"\"}",
                sessionUser: "{\"userId\":\"u\",\"accessToken\":\"from-session\"}"
            )
        )

        #expect(envelope.accessToken == "from-session")
    }

    @Test func noTokenAnywhereIsNil() throws {
        let envelope = try RequestEnvelope.decode(Self.body(sessionUser: "{\"userId\":null,\"accessToken\":null}"))

        #expect(envelope.accessToken == nil)
    }

    @Test func unknownMembersAreIgnored() throws {
        let text = """
            {"version":"1.0","extra":[1,2,{"x":null}],
             "request":{"type":"LaunchRequest","requestId":"r","timestamp":"2015-05-13T12:34:56Z","shiny":true}}
            """
        let envelope = try RequestEnvelope.decode(Array(text.utf8))

        #expect(kindName(envelope.request.kind) == "launch")
        #expect(envelope.session == nil)
        #expect(envelope.context == nil)
    }

    @Test func emptyBody() {
        #expect(throws: RequestDecodingError(code: .emptyBody)) {
            try RequestEnvelope.decode([])
        }
    }

    @Test(arguments: ["not json", "{\"version\":", "{\"version\" \"1.0\"}", "{'version':'1.0'}"])
    func malformedJSON(text: String) {
        #expect(throws: RequestDecodingError(code: .malformedJSON)) {
            try RequestEnvelope.decode(Array(text.utf8))
        }
    }

    @Test func invalidUTF8IsMalformed() {
        let bytes: [UInt8] = [0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]  // {"\xFF\xFE":1}

        #expect(throws: RequestDecodingError(code: .malformedJSON)) {
            try RequestEnvelope.decode(bytes)
        }
    }

    @Test(arguments: ["[]", "\"text\"", "42", "null"])
    func jsonThatIsNotAnObject(text: String) {
        #expect(throws: RequestDecodingError(code: .notAnObject)) {
            try RequestEnvelope.decode(Array(text.utf8))
        }
    }

    @Test func missingFieldsAreNamedByPath() {
        #expect(throws: RequestDecodingError(code: .missingField, field: "version")) {
            try RequestEnvelope.decode(Array("{}".utf8))
        }
        #expect(throws: RequestDecodingError(code: .missingField, field: "request.type")) {
            try RequestEnvelope.decode(Array(#"{"version":"1.0","request":{"requestId":"r"}}"#.utf8))
        }
        let noIntentName = """
            {"version":"1.0","request":{"type":"IntentRequest","requestId":"r",
             "timestamp":"2015-05-13T12:34:56Z","intent":{"slots":{}}}}
            """
        #expect(throws: RequestDecodingError(code: .missingField, field: "request.intent.name")) {
            try RequestEnvelope.decode(Array(noIntentName.utf8))
        }
    }

    @Test func wrongTypeIsAnInvalidField() {
        let text = #"{"version":"1.0","request":{"type":"LaunchRequest","requestId":7,"timestamp":"x"}}"#

        #expect(throws: RequestDecodingError(code: .invalidField, field: "request.requestId")) {
            try RequestEnvelope.decode(Array(text.utf8))
        }
    }

    @Test func errorCodesAreStableStrings() {
        #expect(RequestDecodingError.Code.malformedJSON.rawValue == "malformed_json")
        #expect(RequestDecodingError(code: .missingField, field: "version").description == "missing_field at version")
    }
}
