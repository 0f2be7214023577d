/// The grants the token endpoint forwards (RFC 6749 sections 4.1.3, 4.4.2 and 6).
public enum GrantType: String, Sendable, CaseIterable {
    case authorizationCode = "authorization_code"
    case refreshToken = "refresh_token"
    case clientCredentials = "client_credentials"

    /// The body parameters that must be present (with a value) for this grant; any missing
    /// one is `invalid_request` (RFC 6749 section 5.2) before anything goes upstream.
    var requiredParameters: [String] {
        switch self {
        case .authorizationCode: ["code"]
        case .refreshToken: ["refresh_token"]
        case .clientCredentials: []
        }
    }
}
