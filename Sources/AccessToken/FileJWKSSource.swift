import Foundation

/// Reads the key set from a file on every fetch, so replacing the file rotates keys.
public struct FileJWKSSource: JWKSSource {
    public let path: String

    /// Reads the JWKS document at `path`.
    public init(path: String) {
        self.path = path
    }

    public var location: String { path }

    public func fetchJWKS() async throws(AccessTokenError) -> JWKSDocument {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AccessTokenError(.jwksUnavailable, "cannot read key set file")
        }
        return JWKSDocument(body: Array(data))
    }
}

/// A fixed key set held in memory.
public struct StaticJWKSSource: JWKSSource {
    public let document: [UInt8]

    /// Serves `document`, a JWKS in JSON.
    public init(document: [UInt8]) {
        self.document = document
    }

    public var location: String { "static" }

    public func fetchJWKS() async throws(AccessTokenError) -> JWKSDocument {
        JWKSDocument(body: document)
    }
}
