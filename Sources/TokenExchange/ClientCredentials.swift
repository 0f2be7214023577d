import Foundation

/// A client identifier and (for confidential clients) its secret, as decoded from a request.
public struct ClientCredentials: Sendable, Equatable {
    /// The `client_id` (RFC 6749 section 2.2).
    public var id: String
    /// Nil for a public client that authenticates with its identifier alone.
    public var secret: String?

    /// Credentials from already-decoded values.
    public init(id: String, secret: String?) {
        self.id = id
        self.secret = secret
    }
}

/// HTTP Basic client authentication as RFC 6749 section 2.3.1 defines it for OAuth clients.
///
/// The client identifier and secret are each encoded with `application/x-www-form-urlencoded`
/// (RFC 6749 Appendix B), joined by a colon and base64-encoded (RFC 7617). Decoding reverses
/// the steps: the scheme name matches case-insensitively, the base64 text decodes to UTF-8, the
/// credentials split at the first colon (an encoded identifier cannot contain a raw colon), and
/// each half is form-urldecoded.
///
/// **A `+` inside the decoded Basic credentials is a space.** Form-urlencoding writes a space as
/// `+` and a plus sign as `%2B`, and RFC 6749 section 2.3.1 requires clients to apply that
/// encoding before base64, so the only reading consistent with the specification is that an
/// unencoded `+` stands for a space: `a+b` is read as `a b`, and a secret containing a plus
/// must be sent as `a%2Bb`. No lenient guess is made (a rule such as "keep `+` literal when the
/// value has no `%`" would corrupt the secrets of conforming clients that contain spaces, and
/// the two cases cannot be told apart). The rule decides what the proxy compares with
/// `client_id`/`client_secret` in the body. Upstream, the credentials are re-encoded by the same
/// rules (unreserved characters kept, space as `+`, everything else `%XX`), so a conforming
/// upstream reads exactly what the proxy read; and because a space is re-encoded as `+`, an
/// unencoded `+` reaches the upstream as the very same byte, so an upstream that decodes Basic
/// without the `+` rule (Authlib uses plain percent-decoding) sees what the client sent. A `%`
/// not followed by two hex digits makes the header malformed (400 `invalid_request`).
public enum BasicClientAuthentication {
    /// Why an `Authorization` header could not be read as Basic client credentials.
    public enum Failure: String, Error, Sendable, Equatable {
        /// The scheme is not `Basic`.
        case unsupportedScheme = "unsupported_scheme"
        /// The credentials are not base64, not UTF-8, have no colon or carry a bad `%` escape.
        case malformed
    }

    /// Decodes an `Authorization` header value such as `Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW`.
    public static func decode(_ headerValue: String) -> Result<ClientCredentials, Failure> {
        let trimmed = headerValue.trimmingCharacters(in: .whitespaces)
        guard let space = trimmed.firstIndex(of: " ") else {
            return .failure(trimmed.lowercased() == "basic" ? .malformed : .unsupportedScheme)
        }
        guard trimmed[..<space].lowercased() == "basic" else { return .failure(.unsupportedScheme) }

        // RFC 7235 section 2.1: one or more spaces separate the scheme from the token68.
        let token = trimmed[space...].trimmingCharacters(in: .whitespaces)
        guard let decoded = Data(base64Encoded: token), let text = String(data: decoded, encoding: .utf8) else {
            return .failure(.malformed)
        }
        guard let colon = text.firstIndex(of: ":") else { return .failure(.malformed) }

        guard let id = FormURLEncoding.decode(Array(text[..<colon].utf8)),
            let secret = FormURLEncoding.decode(Array(text[text.index(after: colon)...].utf8))
        else {
            return .failure(.malformed)
        }
        return .success(ClientCredentials(id: id, secret: secret))
    }

    /// The `Authorization` header value for `credentials`, each half form-urlencoded before
    /// base64 as RFC 6749 section 2.3.1 requires. A missing secret is sent as an empty one.
    public static func headerValue(for credentials: ClientCredentials) -> String {
        let joined = FormURLEncoding.encode(credentials.id) + ":" + FormURLEncoding.encode(credentials.secret ?? "")
        return "Basic " + Data(joined.utf8).base64EncodedString()
    }
}
