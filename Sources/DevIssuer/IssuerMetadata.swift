import AccessToken
import SkillSupport

/// The endpoint URLs and the discovery document (OpenID Connect Discovery 1.0 section 3,
/// RFC 8414 section 2) of an issuer served at fixed paths under its root.
struct IssuerMetadata: Sendable {
    static let jwksPath = "/.well-known/jwks.json"
    static let discoveryPath = "/.well-known/openid-configuration"
    static let authorizationPath = "/authorize"
    static let tokenPath = "/oauth/token"

    let issuer: String
    /// The issuer with exactly one trailing slash, for joining paths.
    private let base: String

    init(issuer: String) {
        self.issuer = issuer
        var base = issuer
        while base.hasSuffix("/") { base.removeLast() }
        self.base = base
    }

    func url(_ path: String) -> String {
        base + path
    }

    /// The discovery document; `scopes` is every scope some client may be granted.
    func discoveryDocument(scopes: [String]) -> String {
        let document: JSONValue = [
            "issuer": .string(issuer),
            "jwks_uri": .string(url(Self.jwksPath)),
            "authorization_endpoint": .string(url(Self.authorizationPath)),
            "token_endpoint": .string(url(Self.tokenPath)),
            "grant_types_supported": ["authorization_code", "refresh_token", "client_credentials"],
            "response_types_supported": ["code"],
            "scopes_supported": .array(scopes.map(JSONValue.string)),
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "subject_types_supported": ["public"],
        ]
        return JSONText.serialize(document)
    }
}
