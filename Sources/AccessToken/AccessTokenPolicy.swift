/// What a valid access token must satisfy. The algorithm is not configurable: RS256 only.
public struct AccessTokenPolicy: Sendable {
    /// `iss` must equal this string exactly, byte for byte (RFC 7519 section 4.1.1 compares
    /// StringOrURI values without normalisation). A trailing slash therefore matters:
    /// `https://issuer.example/` and `https://issuer.example` are different issuers; configure
    /// the value exactly as the issuer's discovery document states it.
    public var issuer: String
    /// `aud`, a string or an array of strings, must contain this value (exact match).
    public var audience: String
    /// Clock skew allowed on `exp`, `nbf`, `iat` and the maximum age, in seconds.
    public var leeway: Double
    /// When true, the header's `typ` must be `at+jwt` (RFC 9068 section 2.1), compared
    /// case-insensitively, with an `application/` prefix tolerated (RFC 7515 section 4.1.9).
    public var requireAccessTokenType: Bool
    /// When set, `iat` is required and may be at most this many seconds old.
    public var maximumAge: Double?
    /// Tokens longer than this many bytes are refused before decoding.
    public var maximumTokenLength: Int

    public init(
        issuer: String,
        audience: String,
        leeway: Double = 30,
        requireAccessTokenType: Bool = false,
        maximumAge: Double? = nil,
        maximumTokenLength: Int = CompactJWS.defaultMaximumLength
    ) {
        self.issuer = issuer
        self.audience = audience
        self.leeway = leeway
        self.requireAccessTokenType = requireAccessTokenType
        self.maximumAge = maximumAge
        self.maximumTokenLength = maximumTokenLength
    }
}
