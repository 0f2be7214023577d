import Foundation
import HTTPServer
import Testing

@testable import TokenExchange

private let okBody = #"{"access_token":"at","token_type":"Bearer","expires_in":3600}"#

@Suite("Token endpoint: client authentication forwarded in the scheme it arrived in")
struct ClientAuthenticationTests {
    /// Identifiers and secrets with every character RFC 6749 section 2.3.1 makes clients encode.
    static let credentials: [(id: String, secret: String)] = [
        ("alexa-skill", "plain"),
        ("amzn1.application-oa2-client.abc", "a+b/c=d:e%f g"),
        ("id:with:colons", "secret:with:colons"),
        ("id with spaces", "  leading and trailing  "),
        ("per%cent", "%2B%20%"),
        ("slash/id", "==base64=="),
        ("unicod\u{E9}", "\u{20AC}\u{1F511}"),
        ("id", ""),
    ]

    @Test("Basic credentials reach the upstream as Basic, with the same decoded values", arguments: credentials)
    func basicForwarded(id: String, secret: String) async throws {
        let harness = try ProxyHarness(upstream: UpstreamFake(body: okBody))
        let body = "grant_type=refresh_token&refresh_token=r"
        let response = await harness.post(body, authorization: basicHeader(id: id, secret: secret))

        #expect(response.status == 200)
        let forwarded = try #require(harness.upstream.requests.first)
        let received = try #require(forwarded.basicCredentials)
        #expect(received.id == id)
        #expect(received.secret == secret)
        #expect(forwarded.body == Data(body.utf8))
        #expect(forwarded.formValue("client_secret") == nil)
    }

    @Test("body credentials reach the upstream in the body, byte for byte, and no Basic header", arguments: credentials)
    func bodyForwarded(id: String, secret: String) async throws {
        let harness = try ProxyHarness(upstream: UpstreamFake(body: okBody))
        let body =
            "grant_type=client_credentials&client_id=\(FormURLEncoding.encode(id))"
            + "&client_secret=\(FormURLEncoding.encode(secret))"
        let response = await harness.post(body)

        #expect(response.status == 200)
        let forwarded = try #require(harness.upstream.requests.first)
        #expect(forwarded.headers["Authorization"] == nil)
        #expect(forwarded.body == Data(body.utf8))
        #expect(forwarded.formValue("client_id") == id)
        #expect(forwarded.formValue("client_secret") == secret)
    }

    @Test(
        "the scheme name is case-insensitive and extra spaces after it are allowed",
        arguments: ["Basic ", "basic ", "BASIC ", "bAsIc   "]
    )
    func schemeCase(scheme: String) async throws {
        let harness = try ProxyHarness(upstream: UpstreamFake(body: okBody))
        let token = Data("client:s3cr%2Bt".utf8).base64EncodedString()
        let response = await harness.post("grant_type=client_credentials", authorization: scheme + token)

        #expect(response.status == 200)
        let received = try #require(harness.upstream.requests.first?.basicCredentials)
        #expect(received.id == "client")
        #expect(received.secret == "s3cr+t")
    }

    /// The documented rule: an unencoded `+` is a space; a literal plus arrives as `%2B`.
    static let plusCases: [PlusCase] = [
        PlusCase(sent: "client:a+b", id: "client", secret: "a b", forwarded: "client:a+b"),
        PlusCase(sent: "client:a%2Bb", id: "client", secret: "a+b", forwarded: "client:a%2Bb"),
        PlusCase(sent: "cli+ent:a%20b", id: "cli ent", secret: "a b", forwarded: "cli+ent:a+b"),
        PlusCase(sent: "client:a/b=c", id: "client", secret: "a/b=c", forwarded: "client:a%2Fb%3Dc"),
    ]

    @Test("an unencoded + inside Basic is read as a space and re-encoded canonically", arguments: plusCases)
    func plusInBasic(_ test: PlusCase) async throws {
        let harness = try ProxyHarness(upstream: UpstreamFake(body: okBody))
        let authorization = "Basic " + Data(test.sent.utf8).base64EncodedString()
        _ = await harness.post("grant_type=client_credentials", authorization: authorization)

        let forwarded = try #require(harness.upstream.requests.first)
        #expect(forwarded.headers["Authorization"] == "Basic " + Data(test.forwarded.utf8).base64EncodedString())
        let received = try #require(forwarded.basicCredentials)
        #expect(received.id == test.id)
        #expect(received.secret == test.secret)
    }

    static let conflicts: [(body: String, status: Int)] = [
        ("client_id=other", 400),
        ("client_secret=other", 400),
        ("client_id=client&client_secret=other", 400),
        ("client_id=other&client_secret=a%2Bb%2Fc", 400),
        ("client_id=client&client_secret=a%2Bb%2Fc", 200),
        ("client_id=client", 200),
        ("client_secret=a%2Bb%2Fc", 200),
    ]

    @Test(
        "Basic and body credentials: different is invalid_request, identical goes upstream once as Basic",
        arguments: conflicts
    )
    func conflictingCredentials(credentialsInBody: String, status: Int) async throws {
        let harness = try ProxyHarness(upstream: UpstreamFake(body: okBody))
        let response = await harness.post(
            "grant_type=client_credentials&" + credentialsInBody + "&scope=read",
            authorization: basicHeader(id: "client", secret: "a+b/c")
        )

        #expect(response.status == status)
        if status == 400 {
            #expect(response.oauthError == "invalid_request")
            #expect(harness.upstream.requests.isEmpty)
        } else {
            let forwarded = try #require(harness.upstream.requests.first)
            #expect(forwarded.body == Data("grant_type=client_credentials&scope=read".utf8))
            #expect(forwarded.basicCredentials?.secret == "a+b/c")
        }
    }

    static let badHeaders: [String] = [
        "Bearer abc",
        "Digest username=x",
        "Basic",
        "Basic !!!notbase64",
        "Basic " + Data("no-colon".utf8).base64EncodedString(),
        "Basic " + Data("client:bad%zzescape".utf8).base64EncodedString(),
        "Basic " + Data([0x63, 0x3A, 0xFF, 0xFE]).base64EncodedString(),
    ]

    @Test("Authorization headers that are not usable Basic credentials are refused", arguments: badHeaders)
    func badAuthorization(header: String) async throws {
        let harness = try ProxyHarness(upstream: UpstreamFake(body: okBody))
        let response = await harness.post("grant_type=client_credentials", authorization: header)

        #expect(response.status == 400)
        #expect(response.oauthError == "invalid_request")
        #expect(harness.upstream.requests.isEmpty)
    }

    @Test("two Authorization headers are refused")
    func repeatedAuthorization() async throws {
        let harness = try ProxyHarness(upstream: UpstreamFake(body: okBody))
        let headers = HTTPHeaders([
            (name: "Content-Type", value: "application/x-www-form-urlencoded"),
            (name: "Authorization", value: basicHeader(id: "a", secret: "b")),
            (name: "authorization", value: basicHeader(id: "a", secret: "b")),
        ])
        let request = HTTPRequest(
            method: "POST",
            path: "/oauth/token",
            headers: headers,
            body: Array("grant_type=client_credentials".utf8)
        )
        let response = await harness.proxy.handle(request)

        #expect(response.status == 400)
        #expect(harness.upstream.requests.isEmpty)
    }

    @Test("Basic header values round-trip through the module's encoder and decoder", arguments: credentials)
    func basicRoundTrip(id: String, secret: String) throws {
        let header = BasicClientAuthentication.headerValue(for: ClientCredentials(id: id, secret: secret))
        #expect(header == basicHeader(id: id, secret: secret))
        let decoded = try BasicClientAuthentication.decode(header).get()
        #expect(decoded == ClientCredentials(id: id, secret: secret))
    }
}

/// A Basic credential as sent (before base64), how it must be read, and the token forwarded.
struct PlusCase: Sendable, CustomTestStringConvertible {
    var sent: String
    var id: String
    var secret: String
    var forwarded: String

    var testDescription: String { sent }
}
