import Foundation
import HTTPServer
import SkillSupport
import Testing
import TokenExchange

/// The Alexa linking flow through the proxy against a real OAuth server (Authlib) on loopback
/// that leaves `expires_in` out of refresh answers.
@Suite(
    "Token endpoint against Authlib on loopback",
    .enabled(if: AuthlibIssuer.available, "python3 with the Tests/requirements.txt packages is missing: skipped")
)
struct AuthlibInteropTests {
    static let clientID = "alexa-skill"
    static let clientSecret = "s3cr+t/with:reserved%chars="
    static let redirectURI = "https://pitangui.amazon.com/api/skill/link/M2AAAAAAAAAAAA"

    @Test("code exchange, then rotating refreshes: every answer to Alexa carries a correct expires_in")
    func alexaLinkingFlow() async throws {
        let issuer = try AuthlibIssuer(arguments: ["--omit-expires-in-on-refresh"])
        let client = URLSessionHTTPClient()
        let logs = InMemoryLogSink()
        let proxy = TokenExchangeProxy(
            configuration: try TokenExchangeConfiguration(
                upstreamTokenURL: issuer.baseURL.appending(path: "oauth/token")
            ),
            httpClient: client,
            logger: Logger(label: "test", minimumLevel: .trace, sink: logs)
        )

        let code = try await authorizationCode(issuer: issuer, client: client)
        let credentials = ClientCredentials(id: Self.clientID, secret: Self.clientSecret)
        let basic = BasicClientAuthentication.headerValue(for: credentials)
        let exchange = await post(
            proxy,
            [
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", Self.redirectURI),
            ],
            authorization: basic
        )
        #expect(exchange.status == 200)
        var token = try #require(exchange.jsonObject)
        #expect(token["expires_in"] as? Int == 600)
        #expect(token["token_type"] as? String == "Bearer")

        var used: [String] = []
        for round in 0..<3 {
            let refreshToken = try #require(token["refresh_token"] as? String)
            used.append(refreshToken)
            let inBody = round % 2 == 1
            let response = await post(
                proxy,
                [("grant_type", "refresh_token"), ("refresh_token", refreshToken)]
                    + (inBody ? [("client_id", Self.clientID), ("client_secret", Self.clientSecret)] : []),
                authorization: inBody ? nil : basic
            )
            #expect(response.status == 200)
            #expect(response.headers["Cache-Control"] == "no-store")
            token = try #require(response.jsonObject)
            // Authlib omitted it; the proxy derived it from the JWT's exp (600 s minus elapsed time).
            let expiresIn = try #require(token["expires_in"] as? Int)
            #expect((590...600).contains(expiresIn))
            #expect(response.text.contains("\"expires_in\":\(expiresIn)"))
            #expect(token["token_type"] as? String == "Bearer")
            #expect(token["refresh_token"] as? String != refreshToken)
        }

        // A rotated-away refresh token: Authlib's invalid_grant reaches Alexa unchanged.
        let reuse = [("grant_type", "refresh_token"), ("refresh_token", used[0])]
        let stale = await post(proxy, reuse, authorization: basic)
        #expect(stale.status == 400)
        #expect(stale.text == #"{"error": "invalid_grant"}"#)

        for secret in used + [code, Self.clientSecret] {
            #expect(!logs.text.contains(secret))
        }
        withExtendedLifetime(issuer) {}
    }

    @Test(
        "the fetcher gets a Bearer token with the client-credentials grant, in both authentication schemes",
        arguments: [ClientCredentialsTokenFetcher.ClientAuthentication.requestBody, .basic]
    )
    func fetcher(authentication: ClientCredentialsTokenFetcher.ClientAuthentication) async throws {
        let issuer = try AuthlibIssuer(arguments: [])
        let fetcher = ClientCredentialsTokenFetcher(
            tokenURL: issuer.baseURL.appending(path: "oauth/token"),
            httpClient: URLSessionHTTPClient(),
            clientAuthentication: authentication
        )
        let token = try await fetcher.fetchToken(
            clientID: Self.clientID,
            clientSecret: Self.clientSecret,
            audience: "https://api.example.com/",
            scope: "read"
        )
        #expect(token.isBearer)
        #expect(token.expiresIn == 600)
        #expect(token.scope == "read")
        #expect(token.accessToken.split(separator: ".").count == 3)

        let wrong = ClientCredentialsTokenFetcher(
            tokenURL: issuer.baseURL.appending(path: "oauth/token"),
            httpClient: URLSessionHTTPClient(),
            clientAuthentication: authentication
        )
        let error = await #expect(throws: TokenFetchError.self) {
            try await wrong.fetchToken(clientID: Self.clientID, clientSecret: "wrong", audience: nil)
        }
        #expect(error?.code == .invalidClient)
        withExtendedLifetime(issuer) {}
    }

    private func authorizationCode(issuer: AuthlibIssuer, client: URLSessionHTTPClient) async throws -> String {
        var components = URLComponents(url: issuer.baseURL.appending(path: "authorize"), resolvingAgainstBaseURL: false)
        components?.queryItems = [
            URLQueryItem(name: "response_type", value: "code"),
            URLQueryItem(name: "client_id", value: Self.clientID),
            URLQueryItem(name: "redirect_uri", value: Self.redirectURI),
            URLQueryItem(name: "scope", value: "profile"),
            URLQueryItem(name: "state", value: "xyz"),
        ]
        let url = try #require(components?.url)
        let answer = try await client.send(OutboundRequest(url: url))
        let object = try #require(try JSONSerialization.jsonObject(with: answer.body) as? [String: Any])
        let location = try #require((object["location"] as? String).flatMap { URLComponents(string: $0) })
        return try #require(location.queryItems?.first { $0.name == "code" }?.value)
    }

    private func post(
        _ proxy: TokenExchangeProxy,
        _ parameters: [(String, String)],
        authorization: String?
    ) async -> HTTPResponse {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body =
            parameters
            .map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }
            .joined(separator: "&")
        var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded;charset=UTF-8"]
        if let authorization { headers.add("Authorization", authorization) }
        let request = HTTPRequest(method: "POST", path: "/oauth/token", headers: headers, body: Array(body.utf8))
        return await proxy.handle(request)
    }
}
