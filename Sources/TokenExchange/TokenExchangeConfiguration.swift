import Foundation

/// Settings of the token-exchange proxy.
public struct TokenExchangeConfiguration: Sendable {
    /// The provider's token endpoint that requests are forwarded to.
    public let upstreamTokenURL: URL
    /// Seconds the whole upstream exchange may take before the client gets a 504.
    public let upstreamTimeout: TimeInterval
    /// The `expires_in` added when the provider omits it and the access token is not a JWT
    /// with an `exp` claim.
    public let defaultExpiresIn: Int
    /// Request bodies longer than this are refused with 413.
    public let maxRequestBodyBytes: Int
    /// Upstream bodies longer than this are treated as a broken upstream (502).
    public let maxUpstreamResponseBytes: Int

    /// Validates and stores the settings; throws when the URL is not absolute http(s) or a
    /// number is not positive.
    ///
    /// Defaults: 5 s timeout, 3600 s default lifetime (the common provider default, and short
    /// enough that a wrong guess costs one early refresh rather than a stale token), 16 KiB
    /// request bodies, 256 KiB upstream bodies.
    public init(
        upstreamTokenURL: URL,
        upstreamTimeout: TimeInterval = 5,
        defaultExpiresIn: Int = 3600,
        maxRequestBodyBytes: Int = 16 * 1024,
        maxUpstreamResponseBytes: Int = 256 * 1024
    ) throws(TokenExchangeConfigurationError) {
        guard let scheme = upstreamTokenURL.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = upstreamTokenURL.host, !host.isEmpty
        else {
            throw TokenExchangeConfigurationError(.invalidUpstreamURL, "an absolute http or https URL is required")
        }
        guard upstreamTimeout.isFinite, upstreamTimeout > 0 else {
            throw TokenExchangeConfigurationError(.invalidTimeout, "the timeout must be positive")
        }
        guard defaultExpiresIn > 0 else {
            throw TokenExchangeConfigurationError(.invalidDefaultExpiresIn, "the default lifetime must be positive")
        }
        guard maxRequestBodyBytes > 0, maxUpstreamResponseBytes > 0 else {
            throw TokenExchangeConfigurationError(.invalidSizeLimit, "size limits must be positive")
        }

        self.upstreamTokenURL = upstreamTokenURL
        self.upstreamTimeout = upstreamTimeout
        self.defaultExpiresIn = defaultExpiresIn
        self.maxRequestBodyBytes = maxRequestBodyBytes
        self.maxUpstreamResponseBytes = maxUpstreamResponseBytes
    }
}

/// Why a `TokenExchangeConfiguration` was refused.
public struct TokenExchangeConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case invalidUpstreamURL = "invalid_upstream_url"
        case invalidTimeout = "invalid_timeout"
        case invalidDefaultExpiresIn = "invalid_default_expires_in"
        case invalidSizeLimit = "invalid_size_limit"
    }

    /// Which setting is wrong.
    public var code: Code
    /// Why, in words.
    public var detail: String

    /// An error with its code and explanation.
    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(code.rawValue): \(detail)" }
}
