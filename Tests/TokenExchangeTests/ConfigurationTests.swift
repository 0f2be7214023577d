import Foundation
import Testing
import TokenExchange

@Suite("TokenExchangeConfiguration")
struct ConfigurationTests {
    static let valid = URL(string: "https://idp.example.com/oauth/token") ?? URL(filePath: "/unparsable")

    @Test("defaults: 5 s timeout, 3600 s lifetime, 16 KiB bodies")
    func defaults() throws {
        let configuration = try TokenExchangeConfiguration(upstreamTokenURL: Self.valid)

        #expect(configuration.upstreamTimeout == 5)
        #expect(configuration.defaultExpiresIn == 3600)
        #expect(configuration.maxRequestBodyBytes == 16 * 1024)
    }

    static let invalid: [(url: String, code: TokenExchangeConfigurationError.Code)] = [
        ("ftp://idp.example.com/token", .invalidUpstreamURL),
        ("/oauth/token", .invalidUpstreamURL),
        ("https:///oauth/token", .invalidUpstreamURL),
    ]

    @Test("upstream URLs must be absolute http or https", arguments: invalid)
    func invalidURL(url: String, code: TokenExchangeConfigurationError.Code) throws {
        let parsed = try #require(URL(string: url))
        let error = #expect(throws: TokenExchangeConfigurationError.self) {
            try TokenExchangeConfiguration(upstreamTokenURL: parsed)
        }
        #expect(error?.code == code)
    }

    @Test("numbers must be positive")
    func invalidNumbers() {
        let url = Self.valid
        let attempts: [(TokenExchangeConfigurationError.Code, () throws -> TokenExchangeConfiguration)] = [
            (.invalidTimeout, { try TokenExchangeConfiguration(upstreamTokenURL: url, upstreamTimeout: 0) }),
            (.invalidTimeout, { try TokenExchangeConfiguration(upstreamTokenURL: url, upstreamTimeout: .nan) }),
            (.invalidDefaultExpiresIn, { try TokenExchangeConfiguration(upstreamTokenURL: url, defaultExpiresIn: 0) }),
            (.invalidSizeLimit, { try TokenExchangeConfiguration(upstreamTokenURL: url, maxRequestBodyBytes: -1) }),
        ]
        for (code, attempt) in attempts {
            let error = #expect(throws: TokenExchangeConfigurationError.self) { try attempt() }
            #expect(error?.code == code)
        }
    }
}
