import Foundation

/// A decoded JSON value, so callers can tell an integer from a string or a boolean without
/// Foundation's bridging guessing for them.
enum JSONValue: Decodable, Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

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
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// The members when the body is one JSON object, else nil.
    static func object(from bytes: some Collection<UInt8>) -> [String: JSONValue]? {
        let decoder = JSONDecoder()
        guard let value = try? decoder.decode(JSONValue.self, from: Data(bytes)),
            case .object(let members) = value
        else {
            return nil
        }
        return members
    }
}
