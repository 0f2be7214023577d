import AccessToken
import HTTPServer
import SkillSupport

/// A member of a token-endpoint JSON answer (RFC 6749 sections 5.1 and 5.2).
enum TokenField: Sendable, Equatable {
    case text(String)
    case integer(Int)

    /// The JSON answer with the headers section 5.1 requires: no caching anywhere.
    static func response(_ status: Int, _ fields: [String: TokenField]) -> HTTPResponse {
        let object = fields.mapValues { field -> JSONValue in
            switch field {
            case .text(let text): .string(text)
            case .integer(let number): .number(Double(number))
            }
        }
        return .json(
            status,
            Array(JSONText.serialize(.object(object)).utf8),
            headers: ["Cache-Control": "no-store", "Pragma": "no-cache"]
        )
    }
}
