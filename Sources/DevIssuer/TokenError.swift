/// An error answer of the token endpoint (RFC 6749 section 5.2) or of the authorization
/// endpoint (section 4.1.2.1).
struct TokenError: Error, Sendable, Equatable {
    enum Code: String, Sendable {
        case invalidRequest = "invalid_request"
        case invalidClient = "invalid_client"
        case invalidGrant = "invalid_grant"
        case unauthorizedClient = "unauthorized_client"
        case unsupportedGrantType = "unsupported_grant_type"
        case unsupportedResponseType = "unsupported_response_type"
        case invalidScope = "invalid_scope"
        case serverError = "server_error"
    }

    var code: Code
    /// `error_description`: names the problem, never a value the client sent.
    var description: String

    init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }
}
