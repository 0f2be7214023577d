import SkillSupport

/// `request`: the fields every request type shares, plus what is specific to its type.
public struct Request: Sendable, Decodable {
    /// `request.type` as sent, such as `IntentRequest` or `AudioPlayer.PlaybackStarted`.
    public var type: String
    /// Amazon's id for this request; log it to correlate with Alexa's records.
    public var requestId: String
    /// When Alexa sent the request; see ``AlexaTimestamp`` for unparseable values.
    public var timestamp: AlexaTimestamp
    /// Absent in a few request types (skill events); a BCP 47 tag such as `en-US` otherwise.
    public var locale: String?
    /// The type-specific part of the request.
    public var kind: RequestKind

    /// Creates a request, for tests and for callers that build envelopes in code.
    public init(type: String, requestId: String, timestamp: AlexaTimestamp, locale: String?, kind: RequestKind) {
        self.type = type
        self.requestId = requestId
        self.timestamp = timestamp
        self.locale = locale
        self.kind = kind
    }

    private enum CodingKeys: String, CodingKey {
        case type, requestId, timestamp, locale
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = try container.decode(String.self, forKey: .type)
        requestId = try container.decode(String.self, forKey: .requestId)
        timestamp = try container.decode(AlexaTimestamp.self, forKey: .timestamp)
        locale = try container.decodeIfPresent(String.self, forKey: .locale)

        // The type-specific members sit next to the common ones in the same object.
        switch type {
        case RequestKind.launchType:
            kind = .launch
        case RequestKind.intentType:
            kind = .intent(try IntentRequest(from: decoder))
        case RequestKind.sessionEndedType:
            kind = .sessionEnded(try SessionEndedRequest(from: decoder))
        default:
            kind = .unsupported(type: type, payload: try JSONValue(from: decoder))
        }
    }

    /// The intent when this is an `IntentRequest`.
    public var intent: Intent? {
        guard case .intent(let intentRequest) = kind else { return nil }
        return intentRequest.intent
    }
}

/// What a request asks for. Types this module does not model are kept whole as ``unsupported(type:payload:)``.
public enum RequestKind: Sendable {
    /// `LaunchRequest`: the user opened the skill without asking for anything.
    case launch
    /// `IntentRequest`.
    case intent(IntentRequest)
    /// `SessionEndedRequest`: the session closed; Alexa accepts no speech in reply.
    case sessionEnded(SessionEndedRequest)
    /// Any other type (`AudioPlayer.*`, `CanFulfillIntentRequest`, skill events, ...) with the whole
    /// `request` object as JSON.
    case unsupported(type: String, payload: JSONValue)

    static let launchType = "LaunchRequest"
    static let intentType = "IntentRequest"
    static let sessionEndedType = "SessionEndedRequest"
}
