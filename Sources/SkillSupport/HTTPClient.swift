import Foundation

/// One outbound HTTP request.
public struct OutboundRequest: Sendable {
    public var url: URL
    public var method: String
    public var headers: [String: String]
    public var body: Data?
    /// The whole exchange must finish within this many seconds.
    public var timeout: TimeInterval
    /// Larger response bodies are refused with `HTTPClientError.Code.responseTooLarge`.
    public var maxResponseBytes: Int

    public init(
        url: URL,
        method: String = "GET",
        headers: [String: String] = [:],
        body: Data? = nil,
        timeout: TimeInterval = 2,
        maxResponseBytes: Int = 1 << 20
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
    }
}

/// The answer to an `OutboundRequest`.
public struct OutboundResponse: Sendable {
    public var status: Int
    /// Header names in lower case.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
        self.body = body
    }

    /// The value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}

/// Why an outbound request produced no response.
public struct HTTPClientError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case timeout
        case unreachable
        case responseTooLarge = "response_too_large"
        case redirectRefused = "redirect_refused"
        case invalidResponse = "invalid_response"
    }

    public var code: Code
    /// A description safe to log: never a URL query, header value or body.
    public var detail: String

    public init(_ code: Code, _ detail: String = "") {
        self.code = code
        self.detail = detail
    }

    public var description: String { detail.isEmpty ? code.rawValue : "\(code.rawValue): \(detail)" }
}

/// Sends outbound HTTP requests. The production implementation is `URLSessionHTTPClient`;
/// tests use loopback servers or small fakes.
public protocol HTTPClient: Sendable {
    func send(_ request: OutboundRequest) async throws(HTTPClientError) -> OutboundResponse
}
