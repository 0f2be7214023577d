import SkillSupport

/// `session`: present while a conversation is open.
public struct Session: Sendable, Decodable {
    /// True on the first request of a session (JSON member `new`).
    public var isNew: Bool
    public var sessionId: String?
    /// What the skill put in `sessionAttributes` on the previous turn.
    public var attributes: [String: JSONValue]
    public var application: Application?
    public var user: User?

    public init(
        isNew: Bool = true,
        sessionId: String? = nil,
        attributes: [String: JSONValue] = [:],
        application: Application? = nil,
        user: User? = nil
    ) {
        self.isNew = isNew
        self.sessionId = sessionId
        self.attributes = attributes
        self.application = application
        self.user = user
    }

    private enum CodingKeys: String, CodingKey {
        case isNew = "new", sessionId, attributes, application, user
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        isNew = try container.decodeIfPresent(Bool.self, forKey: .isNew) ?? false
        sessionId = try container.decodeIfPresent(String.self, forKey: .sessionId)
        attributes = try container.decodeIfPresent([String: JSONValue].self, forKey: .attributes) ?? [:]
        application = try container.decodeIfPresent(Application.self, forKey: .application)
        user = try container.decodeIfPresent(User.self, forKey: .user)
    }
}

/// `application`: the skill the request is addressed to.
public struct Application: Sendable, Decodable, Hashable {
    public var applicationId: String?

    public init(applicationId: String?) {
        self.applicationId = applicationId
    }
}

/// `user`: the Amazon account using the skill, with its account-linking token when linked.
///
/// `userId` is optional because real-world fixtures carry `null` there; the envelope still decodes.
public struct User: Sendable, Decodable, Hashable {
    public var userId: String?
    /// The account-linking OAuth access token; nil when the account is not linked.
    public var accessToken: String?
    public var permissions: Permissions?

    public init(userId: String? = nil, accessToken: String? = nil, permissions: Permissions? = nil) {
        self.userId = userId
        self.accessToken = accessToken
        self.permissions = permissions
    }
}

/// `user.permissions`: the (deprecated) consent token for Alexa customer data APIs.
public struct Permissions: Sendable, Decodable, Hashable {
    public var consentToken: String?

    public init(consentToken: String?) {
        self.consentToken = consentToken
    }
}
