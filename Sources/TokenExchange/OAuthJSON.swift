import Foundation

/// A JSON value of an OAuth message, keeping integers apart from other numbers (`expires_in`
/// must stay an integer), so callers need not trust Foundation's bridging to guess.
enum OAuthJSON: Decodable, Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([OAuthJSON])
    case object([String: OAuthJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([OAuthJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: OAuthJSON].self))
        }
    }

    /// The members when the body is one JSON object, else nil.
    static func object(from bytes: some Collection<UInt8>) -> [String: OAuthJSON]? {
        let decoder = JSONDecoder()
        guard let value = try? decoder.decode(OAuthJSON.self, from: Data(bytes)),
            case .object(let members) = value
        else {
            return nil
        }
        return members
    }
}
