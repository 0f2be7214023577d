import SkillSupport

/// The JSON body Alexa posts to a custom skill endpoint.
///
/// Decoding ignores members it does not model and never fails on an unknown `request.type`
/// (that becomes ``RequestKind/unsupported(type:payload:)``).
public struct RequestEnvelope: Sendable, Decodable {
    /// The envelope format version; Alexa sends "1.0".
    public var version: String
    /// Absent for requests outside a session, such as `AudioPlayer.*` and skill events.
    public var session: Session?
    /// Absent in some older traffic; Alexa sends it with every current request.
    public var context: RequestContext?
    /// The request itself.
    public var request: Request

    /// Creates an envelope, for tests and for callers that build envelopes in code.
    public init(version: String = "1.0", session: Session? = nil, context: RequestContext? = nil, request: Request) {
        self.version = version
        self.session = session
        self.context = context
        self.request = request
    }

    /// The account-linking access token: `context.System.user.accessToken`, falling back to
    /// `session.user.accessToken`. An empty string counts as absent.
    public var accessToken: String? {
        if let token = context?.system?.user?.accessToken, !token.isEmpty {
            return token
        }
        if let token = session?.user?.accessToken, !token.isEmpty {
            return token
        }
        return nil
    }

    /// The skill id the request was sent to: `context.System.application`, falling back to the session's.
    public var applicationId: String? {
        context?.system?.application?.applicationId ?? session?.application?.applicationId
    }

    /// The user id: `context.System.user`, falling back to the session's.
    public var userId: String? {
        context?.system?.user?.userId ?? session?.user?.userId
    }

    /// The attributes the skill stored in the session on an earlier turn (empty outside a session).
    public var sessionAttributes: [String: JSONValue] {
        session?.attributes ?? [:]
    }
}
