/// Why the proxy answered a token request itself instead of forwarding it.
struct TokenRequestRejection: Error, Sendable, Equatable {
    enum Code: String, Sendable {
        case methodNotAllowed = "method_not_allowed"
        case bodyTooLarge = "body_too_large"
        case unsupportedMediaType = "unsupported_media_type"
        case malformedBody = "malformed_body"
        case repeatedParameter = "repeated_parameter"
        case missingGrantType = "missing_grant_type"
        case unsupportedGrantType = "unsupported_grant_type"
        case missingParameter = "missing_parameter"
        case repeatedAuthorization = "repeated_authorization"
        case unsupportedAuthorizationScheme = "unsupported_authorization_scheme"
        case malformedAuthorization = "malformed_authorization"
        case conflictingCredentials = "conflicting_credentials"
    }

    var code: Code
    /// The grant, when it was known before the request was refused.
    var grant: GrantType?

    init(_ code: Code, grant: GrantType? = nil) {
        self.code = code
        self.grant = grant
    }

    /// The HTTP status of the answer.
    var status: Int {
        switch code {
        case .methodNotAllowed: 405
        case .bodyTooLarge: 413
        default: 400
        }
    }

    /// The RFC 6749 section 5.2 error code of the answer.
    var oauthError: String {
        code == .unsupportedGrantType ? "unsupported_grant_type" : "invalid_request"
    }

    /// The `error_description`: printable ASCII without quotes or backslashes (section 5.2).
    var description: String {
        switch code {
        case .methodNotAllowed: "the token endpoint accepts POST only"
        case .bodyTooLarge: "the request body is too large"
        case .unsupportedMediaType: "the body must be application/x-www-form-urlencoded in UTF-8"
        case .malformedBody: "the body is not valid form-urlencoded UTF-8"
        case .repeatedParameter: "a parameter is repeated"
        case .missingGrantType: "grant_type is missing"
        case .unsupportedGrantType: "the grant type is not supported"
        case .missingParameter: "a parameter required by the grant type is missing"
        case .repeatedAuthorization: "more than one Authorization header"
        case .unsupportedAuthorizationScheme: "client authentication must use the Basic scheme"
        case .malformedAuthorization: "the Basic credentials are malformed"
        case .conflictingCredentials: "client credentials in the header and the body differ"
        }
    }
}
