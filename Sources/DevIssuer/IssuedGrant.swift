import Foundation

/// What an authorization code stands for until it is redeemed (RFC 6749 section 4.1.2:
/// single use, short-lived, bound to the client and the redirect URI).
struct PendingAuthorization: Sendable {
    var clientID: String
    /// The redirect URI the code was sent to.
    var redirectURI: String
    /// Whether the authorization request named `redirect_uri`, in which case the token request
    /// must repeat it (RFC 6749 section 4.1.3).
    var redirectURINamed: Bool
    var subject: String
    var scopes: [String]
    /// The S256 `code_challenge` (RFC 7636 section 4.3), when one was sent.
    var codeChallenge: String?
    var expiry: Date
}

/// A live refresh token: the grant it continues and the rotation family it belongs to.
struct RefreshGrant: Sendable, Equatable {
    var clientID: String
    var subject: String
    /// The scope of the original grant; a refresh may narrow the access token's scope but the
    /// next refresh token keeps the original (RFC 6749 section 6).
    var scopes: [String]
    /// Shared by every refresh token rotated from one authorization.
    var family: String
    var expiry: Date
}
