/// `response.card`: what the Alexa app shows for this turn.
///
/// The Simple card's body is `content` and the Standard card's is `text`, as in Amazon's response reference.
public enum Card: Sendable, Codable, Equatable {
    /// `{"type":"Simple","title":…,"content":…}`.
    case simple(title: String, content: String)
    /// `{"type":"Standard","title":…,"text":…,"image":{…}}`; image URLs must be HTTPS.
    case standard(title: String, text: String, image: CardImage?)
    /// `{"type":"LinkAccount"}`: offers account linking in the Alexa app.
    case linkAccount
    /// `{"type":"AskForPermissionsConsent","permissions":[…]}`: asks for Alexa customer data permissions.
    case askForPermissionsConsent(permissions: [String])

    private enum CodingKeys: String, CodingKey {
        case type, title, content, text, image, permissions
    }

    private enum CardType: String, Codable {
        case simple = "Simple"
        case standard = "Standard"
        case linkAccount = "LinkAccount"
        case askForPermissionsConsent = "AskForPermissionsConsent"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(CardType.self, forKey: .type) {
        case .simple:
            self = .simple(
                title: try container.decodeIfPresent(String.self, forKey: .title) ?? "",
                content: try container.decodeIfPresent(String.self, forKey: .content) ?? ""
            )
        case .standard:
            self = .standard(
                title: try container.decodeIfPresent(String.self, forKey: .title) ?? "",
                text: try container.decodeIfPresent(String.self, forKey: .text) ?? "",
                image: try container.decodeIfPresent(CardImage.self, forKey: .image)
            )
        case .linkAccount:
            self = .linkAccount
        case .askForPermissionsConsent:
            self = .askForPermissionsConsent(
                permissions: try container.decodeIfPresent([String].self, forKey: .permissions) ?? []
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .simple(let title, let content):
            try container.encode(CardType.simple, forKey: .type)
            try container.encode(title, forKey: .title)
            try container.encode(content, forKey: .content)
        case .standard(let title, let text, let image):
            try container.encode(CardType.standard, forKey: .type)
            try container.encode(title, forKey: .title)
            try container.encode(text, forKey: .text)
            try container.encodeIfPresent(image, forKey: .image)
        case .linkAccount:
            try container.encode(CardType.linkAccount, forKey: .type)
        case .askForPermissionsConsent(let permissions):
            try container.encode(CardType.askForPermissionsConsent, forKey: .type)
            try container.encode(permissions, forKey: .permissions)
        }
    }
}

/// `card.image` of a Standard card: the same picture at two sizes.
public struct CardImage: Sendable, Codable, Equatable {
    /// About 720 × 480 pixels.
    public var smallImageUrl: String?
    /// About 1200 × 800 pixels.
    public var largeImageUrl: String?

    public init(smallImageUrl: String?, largeImageUrl: String?) {
        self.smallImageUrl = smallImageUrl
        self.largeImageUrl = largeImageUrl
    }
}
