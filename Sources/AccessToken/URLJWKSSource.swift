import Foundation
import SkillSupport

/// Fetches the key set over HTTP(S) through `HTTPClient`, without redirects or cookies.
public struct URLJWKSSource: JWKSSource {
    public let url: URL
    public let client: any HTTPClient
    /// Seconds the whole exchange may take.
    public let timeout: Double
    /// Larger documents are refused.
    public let maximumBytes: Int

    public init(url: URL, client: any HTTPClient, timeout: Double = 2, maximumBytes: Int = 256 * 1024) {
        self.url = url
        self.client = client
        self.timeout = timeout
        self.maximumBytes = maximumBytes
    }

    public var location: String { url.absoluteString }

    public func fetchJWKS() async throws(AccessTokenError) -> JWKSDocument {
        let request = OutboundRequest(
            url: url,
            headers: ["Accept": "application/jwk-set+json, application/json"],
            timeout: timeout,
            maxResponseBytes: maximumBytes
        )
        let response: OutboundResponse
        do {
            response = try await client.send(request)
        } catch {
            throw AccessTokenError(.jwksUnavailable, "fetch failed: \(error.code.rawValue)")
        }
        guard response.status == 200 else {
            throw AccessTokenError(.jwksUnavailable, "status \(response.status)")
        }
        return JWKSDocument(body: Array(response.body), maxAge: CacheControl.maxAge(response.header("Cache-Control")))
    }
}

/// Reads `Cache-Control` (RFC 9111 section 5.2.2) for the key set's lifetime.
enum CacheControl {
    /// `max-age` in seconds; `no-store` and `no-cache` count as 0. Nil when absent or unreadable.
    static func maxAge(_ header: String?) -> Double? {
        guard let header else { return nil }
        var result: Double?
        for directive in header.split(separator: ",") {
            let parts = directive.split(separator: "=", maxSplits: 1)
            let name = parts.first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            if name == "no-store" || name == "no-cache" { return 0 }
            guard name == "max-age", parts.count == 2 else { continue }
            let value = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: " \t\""))
            guard !value.isEmpty, value.allSatisfy(\.isASCII), value.allSatisfy(\.isNumber) else { continue }
            result = Double(value)
        }
        return result
    }
}
