import Foundation
import SkillSupport

/// The JSON body a skill returns to Alexa.
public struct ResponseEnvelope: Sendable, Codable, Equatable {
    /// Always "1.0" for the custom skill interface.
    public var version: String
    /// Stored by Alexa and sent back in `session.attributes` on the next turn; encoded even when empty.
    public var sessionAttributes: [String: JSONValue]
    /// Speech, card, directives and whether the session ends.
    public var response: Response

    /// Creates an envelope; ``ResponseBuilder`` is the usual way.
    public init(
        version: String = "1.0",
        sessionAttributes: [String: JSONValue] = [:],
        response: Response = Response()
    ) {
        self.version = version
        self.sessionAttributes = sessionAttributes
        self.response = response
    }

    /// A response with nothing in it: the only valid answer to `SessionEndedRequest`, `AudioPlayer.*` and
    /// other requests that cannot take speech.
    public static let empty = ResponseEnvelope()

    private enum CodingKeys: String, CodingKey {
        case version, sessionAttributes, response
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(String.self, forKey: .version)
        sessionAttributes = try container.decodeIfPresent([String: JSONValue].self, forKey: .sessionAttributes) ?? [:]
        response = try container.decodeIfPresent(Response.self, forKey: .response) ?? Response()
    }

    /// The envelope as compact JSON bytes, ready to be an HTTP body.
    public func encodedJSON() throws(ResponseEncodingError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(self))
        } catch {
            throw ResponseEncodingError(code: .notRepresentable)
        }
    }
}

/// Why a response could not be written as JSON.
public struct ResponseEncodingError: Error, Sendable, Equatable {
    public enum Code: String, Sendable {
        /// A value has no JSON form, such as a NaN or infinite number in a directive or attribute.
        case notRepresentable = "not_representable"
    }

    /// What went wrong, as a stable string.
    public var code: Code

    /// Creates an error with a code.
    public init(code: Code) {
        self.code = code
    }
}

/// `response`: what Alexa says, shows and does next.
public struct Response: Sendable, Codable, Equatable {
    public var outputSpeech: OutputSpeech?
    /// Spoken when the session stays open and the user says nothing.
    public var reprompt: Reprompt?
    public var card: Card?
    /// Directives passed through untouched (APL, AudioPlayer, Dialog, ...); omitted when empty.
    public var directives: [JSONValue]
    /// Omitted when nil: Alexa then ends the session on devices without a screen and keeps it otherwise.
    public var shouldEndSession: Bool?

    public init(
        outputSpeech: OutputSpeech? = nil,
        reprompt: Reprompt? = nil,
        card: Card? = nil,
        directives: [JSONValue] = [],
        shouldEndSession: Bool? = nil
    ) {
        self.outputSpeech = outputSpeech
        self.reprompt = reprompt
        self.card = card
        self.directives = directives
        self.shouldEndSession = shouldEndSession
    }

    private enum CodingKeys: String, CodingKey {
        case outputSpeech, reprompt, card, directives, shouldEndSession
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        outputSpeech = try container.decodeIfPresent(OutputSpeech.self, forKey: .outputSpeech)
        reprompt = try container.decodeIfPresent(Reprompt.self, forKey: .reprompt)
        card = try container.decodeIfPresent(Card.self, forKey: .card)
        directives = try container.decodeIfPresent([JSONValue].self, forKey: .directives) ?? []
        shouldEndSession = try container.decodeIfPresent(Bool.self, forKey: .shouldEndSession)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(outputSpeech, forKey: .outputSpeech)
        try container.encodeIfPresent(reprompt, forKey: .reprompt)
        try container.encodeIfPresent(card, forKey: .card)
        if !directives.isEmpty {
            try container.encode(directives, forKey: .directives)
        }
        try container.encodeIfPresent(shouldEndSession, forKey: .shouldEndSession)
    }
}

/// `response.reprompt`.
public struct Reprompt: Sendable, Codable, Equatable {
    public var outputSpeech: OutputSpeech

    public init(outputSpeech: OutputSpeech) {
        self.outputSpeech = outputSpeech
    }
}
