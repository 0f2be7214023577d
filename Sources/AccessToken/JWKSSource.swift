/// A JWKS document as fetched, with the lifetime its publisher asked for.
public struct JWKSDocument: Sendable {
    /// The document bytes.
    public var body: [UInt8]
    /// `Cache-Control: max-age` in seconds, when the source gave one.
    public var maxAge: Double?

    public init(body: [UInt8], maxAge: Double? = nil) {
        self.body = body
        self.maxAge = maxAge
    }
}

/// Where a key set comes from: an issuer's `jwks_uri` (`URLJWKSSource`) or a file (`FileJWKSSource`).
public protocol JWKSSource: Sendable {
    /// Fetches the document; failures are `jwks_unavailable` with a detail safe to log.
    func fetchJWKS() async throws(AccessTokenError) -> JWKSDocument
    /// Where the keys come from, for logs (never a query string or credentials).
    var location: String { get }
}
