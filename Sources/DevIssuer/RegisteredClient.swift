import Foundation

/// A client registered with the development issuer: a confidential client with a secret, the
/// exact redirect URIs it may use (RFC 6749 section 3.1.2.2) and the scopes it may be granted.
public struct RegisteredClient: Sendable, Equatable {
    /// The `client_id`.
    public var id: String
    /// The `client_secret`, compared in constant time.
    public var secret: String
    /// Redirect URIs compared byte for byte with the one a request names (no prefix matching).
    public var redirectURIs: [String]
    /// Every scope the client may ask for; the default grant when a request names none.
    public var scopes: [String]

    public init(id: String, secret: String, redirectURIs: [String], scopes: [String]) {
        self.id = id
        self.secret = secret
        self.redirectURIs = redirectURIs
        self.scopes = scopes
    }

    /// The client registered when no clients file is given: `alexa-skill` with secret `dev-secret`,
    /// scopes `read:weather openid profile`, and the loopback redirect URI `http://127.0.0.1/callback`
    /// for local tests. Alexa's redirect URIs carry a vendor id
    /// (`https://pitangui.amazon.com/api/skill/link/<vendor id>`, likewise on `layla.amazon.com`
    /// and `alexa.amazon.co.jp`), so they go into a clients file with the real vendor id.
    public static let development = RegisteredClient(
        id: "alexa-skill",
        secret: "dev-secret",
        redirectURIs: ["http://127.0.0.1/callback"],
        scopes: ["read:weather", "openid", "profile"]
    )

    /// Why this client cannot be registered, nil when it can.
    func problem() -> String? {
        guard !id.isEmpty else { return "a client has an empty client_id" }
        guard !secret.isEmpty else { return "client \(id) has an empty client_secret" }
        for uri in redirectURIs {
            // RFC 6749 section 3.1.2: absolute, and without a fragment.
            guard let parts = URLComponents(string: uri), let scheme = parts.scheme, !scheme.isEmpty,
                parts.host?.isEmpty == false, parts.fragment == nil
            else { return "client \(id) has a redirect URI that is not absolute or has a fragment" }
        }
        for scope in scopes where !ScopeList.isValidToken(scope) {
            return "client \(id) has a scope that is empty or has characters RFC 6749 section 3.3 excludes"
        }
        return nil
    }
}
