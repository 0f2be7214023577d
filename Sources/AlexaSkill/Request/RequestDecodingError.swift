import Foundation

/// Why a request body could not become a ``RequestEnvelope``. The server answers these with HTTP 400.
///
/// `field` is a dotted JSON path such as `request.intent.name`; it never carries values from the body.
public struct RequestDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The body is empty.
        case emptyBody = "empty_body"
        /// The body is not JSON (syntax error, bad UTF-8).
        case malformedJSON = "malformed_json"
        /// The body is JSON but not an object.
        case notAnObject = "not_an_object"
        /// A member the envelope needs is absent.
        case missingField = "missing_field"
        /// A member has the wrong JSON type (a number where a string belongs, null where an object belongs).
        case invalidField = "invalid_field"
        /// `request.timestamp` is not ISO 8601 (raised only by ``AlexaTimestamp/requireDate()``).
        case invalidTimestamp = "invalid_timestamp"
    }

    /// What went wrong, as a stable string for the HTTP error body.
    public var code: Code
    /// The dotted path of the offending member, when the failure concerns one.
    public var field: String?

    /// Creates an error with a code and, optionally, the path of the member at fault.
    public init(code: Code, field: String? = nil) {
        self.code = code
        self.field = field
    }

    /// `code`, or `code at field`; safe to log and to return to the client.
    public var description: String {
        guard let field else { return code.rawValue }
        return "\(code.rawValue) at \(field)"
    }
}

extension RequestEnvelope {
    /// Decodes an envelope from raw body bytes, mapping every failure to a ``RequestDecodingError``.
    public static func decode(_ body: [UInt8]) throws(RequestDecodingError) -> RequestEnvelope {
        guard !body.isEmpty else { throw RequestDecodingError(code: .emptyBody) }

        do {
            return try JSONDecoder().decode(RequestEnvelope.self, from: Data(body))
        } catch let error as DecodingError {
            throw RequestDecodingError(error)
        } catch {
            throw RequestDecodingError(code: .malformedJSON)
        }
    }
}

extension RequestDecodingError {
    /// Maps Foundation's error to a code and a path, dropping its free-text description.
    init(_ error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context):
            self.init(code: .missingField, field: Self.path(context.codingPath + [key]))
        case .valueNotFound(_, let context):
            // At the root this is a body of `null`: JSON, but not an object.
            let code: Code = context.codingPath.isEmpty ? .notAnObject : .invalidField
            self.init(code: code, field: Self.path(context.codingPath))
        case .typeMismatch(_, let context):
            // A mismatch at the root means the body is JSON but not an object.
            let code: Code = context.codingPath.isEmpty ? .notAnObject : .invalidField
            self.init(code: code, field: Self.path(context.codingPath))
        case .dataCorrupted(let context):
            let code: Code = context.codingPath.isEmpty ? .malformedJSON : .invalidField
            self.init(code: code, field: Self.path(context.codingPath))
        @unknown default:
            self.init(code: .malformedJSON)
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String? {
        guard !keys.isEmpty else { return nil }
        return keys.map { key in key.intValue.map { "[\($0)]" } ?? key.stringValue }
            .joined(separator: ".")
            .replacingOccurrences(of: ".[", with: "[")
    }
}
