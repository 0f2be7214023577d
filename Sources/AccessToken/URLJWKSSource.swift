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

    /// Fetches `url` through `client` within `timeout` seconds, refusing bodies over `maximumBytes`.
    public init(url: URL, client: any HTTPClient, timeout: Double = 2, maximumBytes: Int = 256 * 1024) {
        self.url = url
        self.client = client
        self.timeout = timeout
        self.maximumBytes = maximumBytes
    }

    /// The conventional key set location of an issuer: `<issuer>.well-known/jwks.json` when the
    /// issuer ends with a slash, `<issuer>/.well-known/jwks.json` otherwise. Nil for a non-URL issuer.
    public static func defaultURL(forIssuer issuer: String) -> URL? {
        let base = issuer.hasSuffix("/") ? issuer : issuer + "/"
        guard let url = URL(string: base + ".well-known/jwks.json"), url.scheme != nil, url.host != nil else {
            return nil
        }
        return url
    }

    /// Scheme, host, port and path only: a query string could carry something not meant for logs.
    public var location: String {
        Self.location(of: url)
    }

    /// `url` reduced to scheme, host, port and path, for log lines.
    public static func location(of url: URL) -> String {
        guard var parts = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "jwks-url" }
        parts.query = nil
        parts.fragment = nil
        parts.user = nil
        parts.password = nil
        return parts.string ?? "jwks-url"
    }

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
