/// A successful token response (RFC 6749 section 5.1). Members other than the ones below are
/// ignored.
public struct TokenResponse: Sendable, Equatable {
    /// The access token; never log it.
    public var accessToken: String
    /// The type as sent; compare with `isBearer`, since RFC 6749 section 5.1 makes it
    /// case-insensitive.
    public var tokenType: String
    /// Lifetime in seconds, when the provider sent it.
    public var expiresIn: Int?
    /// The refresh token, when one was issued; never log it.
    public var refreshToken: String?
    /// The granted scope, when it differs from the requested one (section 5.1).
    public var scope: String?

    /// A response from its members.
    public init(accessToken: String, tokenType: String, expiresIn: Int?, refreshToken: String?, scope: String?) {
        self.accessToken = accessToken
        self.tokenType = tokenType
        self.expiresIn = expiresIn
        self.refreshToken = refreshToken
        self.scope = scope
    }

    /// Whether the token is an RFC 6750 Bearer token.
    public var isBearer: Bool { tokenType.lowercased() == "bearer" }

    /// Reads a token endpoint's JSON body.
    ///
    /// A body with an `error` member throws the matching provider error (section 5.2). Otherwise
    /// `access_token` and `token_type` must be strings and `expires_in`, when present, a
    /// non-negative integer; a decimal string such as `"3600"` is accepted too, as some
    /// providers send one. Anything else throws `malformedResponse`.
    public static func parse(
        _ body: some Collection<UInt8>,
        httpStatus: Int? = nil
    ) throws(TokenFetchError) -> TokenResponse {
        guard let members = OAuthJSON.object(from: body) else {
            throw TokenFetchError(.malformedResponse, "the answer is not a JSON object", httpStatus: httpStatus)
        }
        if let error = OAuthErrorResponse(members: members) {
            throw TokenFetchError(error, httpStatus: httpStatus)
        }

        guard case .string(let accessToken) = members["access_token"], !accessToken.isEmpty else {
            throw TokenFetchError(.malformedResponse, "access_token is missing", httpStatus: httpStatus)
        }
        guard case .string(let tokenType) = members["token_type"], !tokenType.isEmpty else {
            throw TokenFetchError(.malformedResponse, "token_type is missing", httpStatus: httpStatus)
        }

        let expiresIn: Int?
        switch members["expires_in"] {
        case nil, .null:
            expiresIn = nil
        case .some(let value):
            guard let seconds = wholeSeconds(value) else {
                let detail = "expires_in is not a whole number of seconds"
                throw TokenFetchError(.malformedResponse, detail, httpStatus: httpStatus)
            }
            expiresIn = seconds
        }

        return TokenResponse(
            accessToken: accessToken,
            tokenType: tokenType,
            expiresIn: expiresIn,
            refreshToken: members["refresh_token"].flatMap(\.stringValue),
            scope: members["scope"].flatMap(\.stringValue)
        )
    }

    private static func wholeSeconds(_ value: OAuthJSON) -> Int? {
        switch value {
        case .integer(let seconds) where seconds >= 0 && seconds <= Int64(Int32.max):
            Int(seconds)
        case .string(let text) where text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }):
            Int(text).flatMap { $0 <= Int(Int32.max) ? $0 : nil }
        default:
            nil
        }
    }
}

extension OAuthErrorResponse {
    /// The section 5.2 error in a JSON object, when it has a string `error` member.
    init?(members: [String: OAuthJSON]) {
        guard let error = members["error"], error != .null else { return nil }
        self.init(
            error: error.stringValue ?? "unreadable",
            errorDescription: members["error_description"].flatMap(\.stringValue),
            errorURI: members["error_uri"].flatMap(\.stringValue)
        )
    }
}

extension OAuthJSON {
    var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }
}
