import Foundation
import SkillSupport
import Testing
import TokenExchange

@Suite("ClientCredentialsTokenFetcher")
struct FetcherTests {
    static let tokenURL = URL(string: "https://tenant.example.auth0.com/oauth/token") ?? URL(filePath: "/unparsable")
    static let bearer = #"{"access_token":"eyJ.x.y","token_type":"Bearer","expires_in":86400,"scope":"read:w"}"#

    @Test("posts the client-credentials grant with credentials, audience and scope in the body")
    func requestInBody() async throws {
        let upstream = UpstreamFake(body: Self.bearer)
        let fetcher = ClientCredentialsTokenFetcher(tokenURL: Self.tokenURL, httpClient: upstream, timeout: 3)
        let token = try await fetcher.fetchToken(
            clientID: "client id+/:",
            clientSecret: "s3c+r/e:t%= x",
            audience: "https://api.example.com/",
            scope: "read:w x"
        )

        #expect(
            token
                == TokenResponse(
                    accessToken: "eyJ.x.y",
                    tokenType: "Bearer",
                    expiresIn: 86400,
                    refreshToken: nil,
                    scope: "read:w"
                )
        )
        let request = try #require(upstream.requests.first)
        #expect(upstream.requests.count == 1)
        #expect(request.method == "POST")
        #expect(request.url == Self.tokenURL)
        #expect(request.timeout == 3)
        #expect(request.headers["Content-Type"] == "application/x-www-form-urlencoded")
        #expect(request.headers["Authorization"] == nil)
        let fields = request.formFields.map { "\($0.name)=\($0.value)" }
        #expect(
            fields == [
                "grant_type=client_credentials", "client_id=client id+/:", "client_secret=s3c+r/e:t%= x",
                "audience=https://api.example.com/", "scope=read:w x",
            ]
        )
    }

    @Test("optional audience and scope are left out; Basic authentication keeps credentials out of the body")
    func basicWithoutOptionals() async throws {
        let upstream = UpstreamFake(body: Self.bearer)
        let fetcher = ClientCredentialsTokenFetcher(
            tokenURL: Self.tokenURL,
            httpClient: upstream,
            clientAuthentication: .basic
        )
        _ = try await fetcher.fetchToken(clientID: "id:1", clientSecret: "a+b c", audience: nil)

        let request = try #require(upstream.requests.first)
        #expect(request.formFields.map(\.name) == ["grant_type"])
        let credentials = try #require(request.basicCredentials)
        #expect(credentials.id == "id:1")
        #expect(credentials.secret == "a+b c")
    }

    static let failures: [(upstream: UpstreamFake, code: TokenFetchError.Code)] = [
        (UpstreamFake(status: 401, body: #"{"error":"access_denied","error_description":"No"}"#), .accessDenied),
        (UpstreamFake(status: 401, body: #"{"error":"invalid_client"}"#), .invalidClient),
        (UpstreamFake(status: 403, body: #"{"error":"unauthorized_client"}"#), .unauthorizedClient),
        (UpstreamFake(status: 400, body: #"{"error":"invalid_scope"}"#), .invalidScope),
        (UpstreamFake(status: 400, body: #"{"error":"x_custom"}"#), .otherOAuthError),
        (UpstreamFake(status: 200, body: #"{"error":"invalid_grant"}"#), .invalidGrant),
        (UpstreamFake(status: 502, body: "<html>bad gateway</html>"), .unexpectedStatus),
        (UpstreamFake(status: 200, body: "<html>login</html>"), .malformedResponse),
        (UpstreamFake(status: 200, body: #"{"access_token":"a","token_type":"mac"}"#), .unsupportedTokenType),
        (UpstreamFake(failing: HTTPClientError(.timeout)), .timeout),
        (UpstreamFake(failing: HTTPClientError(.unreachable)), .unreachable),
        (UpstreamFake(failing: HTTPClientError(.responseTooLarge)), .malformedResponse),
    ]

    @Test("provider errors and transport failures map to typed errors", arguments: failures)
    func failure(upstream: UpstreamFake, code: TokenFetchError.Code) async {
        let fetcher = ClientCredentialsTokenFetcher(tokenURL: Self.tokenURL, httpClient: upstream)
        do {
            let token = try await fetcher.fetchToken(clientID: "c", clientSecret: "s", audience: "a")
            Issue.record("expected \(code.rawValue), got a token of type \(token.tokenType)")
        } catch {
            #expect(error.code == code)
        }
    }

    @Test("the provider's error description and status are kept; a non-Bearer type is named in the message")
    func errorDetails() async throws {
        let denied = ClientCredentialsTokenFetcher(
            tokenURL: Self.tokenURL,
            httpClient: UpstreamFake(
                status: 401,
                body: #"{"error":"invalid_client","error_description":"Unknown client"}"#
            )
        )
        let error = await #expect(throws: TokenFetchError.self) {
            try await denied.fetchToken(clientID: "c", clientSecret: "s", audience: nil)
        }
        #expect(error?.httpStatus == 401)
        #expect(error?.oauthError?.errorDescription == "Unknown client")
        #expect(error?.description == "invalid_client: the token service answered invalid_client: Unknown client")

        let example = ClientCredentialsTokenFetcher(
            tokenURL: Self.tokenURL,
            httpClient: UpstreamFake(body: #"{"access_token":"a","token_type":"example"}"#)
        )
        let typeError = await #expect(throws: TokenFetchError.self) {
            try await example.fetchToken(clientID: "c", clientSecret: "s", audience: nil)
        }
        #expect(typeError?.description == "unsupported_token_type: the token type is example, not Bearer")
    }
}
