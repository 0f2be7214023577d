/// `outputSpeech`: plain text, or SSML markup inside `<speak>`.
public enum OutputSpeech: Sendable, Codable, Equatable {
    /// `{"type":"PlainText","text":…}`.
    case plainText(String)
    /// `{"type":"SSML","ssml":…}`; the markup includes the `<speak>` element.
    case ssml(String)

    private enum CodingKeys: String, CodingKey {
        case type, text, ssml
    }

    private static let plainTextType = "PlainText"
    private static let ssmlType = "SSML"

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case Self.plainTextType:
            self = .plainText(try container.decode(String.self, forKey: .text))
        case Self.ssmlType:
            self = .ssml(try container.decode(String.self, forKey: .ssml))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type,
                in: container,
                debugDescription: "Unknown outputSpeech type"
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .plainText(let text):
            try container.encode(Self.plainTextType, forKey: .type)
            try container.encode(text, forKey: .text)
        case .ssml(let markup):
            try container.encode(Self.ssmlType, forKey: .type)
            try container.encode(markup, forKey: .ssml)
        }
    }
}
