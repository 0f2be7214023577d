/// An error a provider returned in the RFC 6749 section 5.2 format.
public struct OAuthErrorResponse: Sendable, Equatable {
    /// The `error` code exactly as sent, for example `invalid_client`; `unreadable` when the
    /// member was not a string.
    public var error: String
    /// `error_description`: human-readable text from the provider.
    public var errorDescription: String?
    /// `error_uri`: a page about the error.
    public var errorURI: String?

    /// An error from its members.
    public init(error: String, errorDescription: String? = nil, errorURI: String? = nil) {
        self.error = error
        self.errorDescription = errorDescription
        self.errorURI = errorURI
    }
}

/// Why fetching or reading a token response produced no usable Bearer token.
public struct TokenFetchError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        // The error codes of RFC 6749 section 5.2.
        case invalidRequest = "invalid_request"
        case invalidClient = "invalid_client"
        case invalidGrant = "invalid_grant"
        case unauthorizedClient = "unauthorized_client"
        case unsupportedGrantType = "unsupported_grant_type"
        case invalidScope = "invalid_scope"
        // Codes of RFC 6749 section 4.1.2.1 that token endpoints use as well.
        case accessDenied = "access_denied"
        case serverError = "server_error"
        case temporarilyUnavailable = "temporarily_unavailable"
        /// An extension error code; `oauthError.error` holds it.
        case otherOAuthError = "other_oauth_error"
        /// A token of a type other than Bearer (RFC 6750), which this client cannot use.
        case unsupportedTokenType = "unsupported_token_type"
        /// The answer is not a token response: not JSON, or a required member is missing or mistyped.
        case malformedResponse = "malformed_response"
        /// A non-success status without an OAuth error body.
        case unexpectedStatus = "unexpected_status"
        case timeout
        case unreachable
    }

    /// What went wrong, machine-readable.
    public var code: Code
    /// A description safe to print: never a token or secret.
    public var detail: String
    /// The provider's error, when it sent one.
    public var oauthError: OAuthErrorResponse?
    /// The HTTP status of the provider's answer, when there was one.
    public var httpStatus: Int?

    /// An error with a code and a printable detail.
    public init(_ code: Code, _ detail: String, oauthError: OAuthErrorResponse? = nil, httpStatus: Int? = nil) {
        self.code = code
        self.detail = detail
        self.oauthError = oauthError
        self.httpStatus = httpStatus
    }

    /// The typed error for a provider's section 5.2 error body.
    public init(_ oauthError: OAuthErrorResponse, httpStatus: Int?) {
        let code = Code(rawValue: oauthError.error).flatMap { Self.providerCodes.contains($0) ? $0 : nil }
        var detail = "the token service answered \(oauthError.error)"
        if let description = oauthError.errorDescription { detail += ": \(description)" }
        self.init(code ?? .otherOAuthError, detail, oauthError: oauthError, httpStatus: httpStatus)
    }

    public var description: String { "\(code.rawValue): \(detail)" }

    private static let providerCodes: Set<Code> = [
        .invalidRequest, .invalidClient, .invalidGrant, .unauthorizedClient, .unsupportedGrantType,
        .invalidScope, .accessDenied, .serverError, .temporarilyUnavailable,
    ]
}
