import Foundation
import HTTPServer
import TokenExchange

/// How a token request identified its client (RFC 6749 section 2.3.1).
struct PresentedCredentials: Sendable {
    enum Method: Sendable {
        case basic
        case body
    }

    var clientID: String
    var secret: String?
    var method: Method

    /// The credentials of `request`, from the `Authorization: Basic` header or from
    /// `client_id`/`client_secret` in `form`. Nil credentials with no error: none presented.
    ///
    /// Basic values are form-urlencoded before base64 (RFC 6749 section 2.3.1), so the decoded
    /// halves are form-urldecoded: an unencoded `+` reads as a space and a plus sign arrives as
    /// `%2B`. Using both methods at once is refused (RFC 6749 section 2.3: one method per request).
    static func from(_ request: HTTPRequest, form: FormBody) -> Result<PresentedCredentials?, TokenError> {
        let bodyID = form["client_id"]
        let bodySecret = form["client_secret"]
        guard let header = request.headers["Authorization"] else {
            guard let bodyID else { return .success(nil) }
            return .success(PresentedCredentials(clientID: bodyID, secret: bodySecret, method: .body))
        }

        guard let basic = decodeBasic(header) else {
            return .failure(TokenError(.invalidClient, "the Authorization header is not readable Basic credentials"))
        }
        if bodySecret != nil {
            return .failure(TokenError(.invalidRequest, "client credentials in both the header and the body"))
        }
        if let bodyID, bodyID != basic.clientID {
            return .failure(TokenError(.invalidRequest, "client_id in the body differs from the Basic credentials"))
        }
        return .success(basic)
    }

    /// `Basic base64(urlencode(id) ":" urlencode(secret))`, read by the same rules as the token
    /// endpoint's proxy (`BasicClientAuthentication`); nil when unreadable or the id is empty.
    static func decodeBasic(_ header: String) -> PresentedCredentials? {
        guard case .success(let credentials) = BasicClientAuthentication.decode(header), !credentials.id.isEmpty
        else { return nil }
        return PresentedCredentials(clientID: credentials.id, secret: credentials.secret, method: .basic)
    }
}

/// Compares secrets without an early exit, so the time taken does not reveal how many leading
/// bytes of a guess were right.
enum ConstantTime {
    static func equal(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8)
        let b = Array(right.utf8)
        var difference: UInt8 = a.count == b.count ? 0 : 1
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            difference |= x ^ y
        }
        return difference == 0
    }
}
