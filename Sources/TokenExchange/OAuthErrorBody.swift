import Foundation

/// Error bodies this module writes itself, in the RFC 6749 section 5.2 format.
enum OAuthErrorBody {
    /// `{"error":"…","error_description":"…"}`; the description must be free of secrets and,
    /// per section 5.2, limited to printable ASCII without `"` and `\`.
    static func json(_ code: String, _ description: String) -> [UInt8] {
        Array("{\"error\":\"\(code)\",\"error_description\":\"\(description)\"}".utf8)
    }
}
