import Foundation
import Testing
import TokenExchange

@Suite(
    "TokenResponse on the shared OAuth vectors",
    .enabled(if: Vectors.available, "../shared/vectors/oauth is absent: vector tests skipped")
)
struct TokenResponseVectorTests {
    @Test("RFC 6749 5.1: parses, unknown members ignored, token_type example is not Bearer")
    func rfc6749Section5_1() throws {
        let token = try TokenResponse.parse(Vectors.bytes("oauth/rfc6749-5.1-token-response.json"))

        #expect(
            token
                == TokenResponse(
                    accessToken: "2YotnFZFEjr1zCsicMWpAA",
                    tokenType: "example",
                    expiresIn: 3600,
                    refreshToken: "tGzv3JOkF0XG5Qx2TlKWIA",
                    scope: nil
                )
        )
        #expect(!token.isBearer)
    }

    @Test("RFC 6749 4.4.3: a client-credentials answer without refresh token")
    func rfc6749Section4_4_3() throws {
        let token = try TokenResponse.parse(Vectors.bytes("oauth/rfc6749-4.4.3-client-credentials-response.json"))

        #expect(token.accessToken == "2YotnFZFEjr1zCsicMWpAA")
        #expect(token.refreshToken == nil)
        #expect(token.expiresIn == 3600)
        #expect(!token.isBearer)
    }

    @Test("RFC 6749 5.2: an error body maps to a typed error, not a token")
    func rfc6749Section5_2() throws {
        let bytes = try Vectors.bytes("oauth/rfc6749-5.2-error-response.json")
        let error = try #require(throws: TokenFetchError.self) { try TokenResponse.parse(bytes) }

        #expect(error.code == .invalidRequest)
        #expect(error.oauthError == OAuthErrorResponse(error: "invalid_request"))
    }

    @Test("RFC 6750 4: a Bearer token")
    func rfc6750Section4() throws {
        let token = try TokenResponse.parse(Vectors.bytes("oauth/rfc6750-4-bearer-token-response.json"))

        #expect(token.accessToken == "mF_9.B5f-4.1JqM")
        #expect(token.isBearer)
        #expect(token.expiresIn == 3600)
        #expect(token.refreshToken == "tGzv3JOkF0XG5Qx2TlKWIA")
    }

    @Test("Auth0 client credentials: a Bearer token of 86400 s")
    func auth0() throws {
        let token = try TokenResponse.parse(Vectors.bytes("oauth/auth0-client-credentials-response.json"))

        #expect(token.accessToken == "eyJz93a...k4laUWw")
        #expect(token.isBearer)
        #expect(token.expiresIn == 86400)
        #expect(token.refreshToken == nil)
    }

    @Test("every vector response through the fetcher: Bearer ones succeed, others fail with a typed error")
    func throughFetcher() async throws {
        let expectations: [(file: String, code: TokenFetchError.Code?)] = [
            ("rfc6749-5.1-token-response.json", .unsupportedTokenType),
            ("rfc6749-4.4.3-client-credentials-response.json", .unsupportedTokenType),
            ("rfc6749-5.2-error-response.json", .invalidRequest),
            ("rfc6750-4-bearer-token-response.json", nil),
            ("auth0-client-credentials-response.json", nil),
        ]
        for (file, code) in expectations {
            let body = try Vectors.bytes("oauth/" + file)
            let status = code == .invalidRequest ? 400 : 200
            let fetcher = ClientCredentialsTokenFetcher(
                tokenURL: FetcherTests.tokenURL,
                httpClient: UpstreamFake(status: status, body: String(decoding: body, as: UTF8.self))
            )
            do {
                let token = try await fetcher.fetchToken(clientID: "c", clientSecret: "s", audience: "api")
                #expect(code == nil, "\(file) gave a token")
                #expect(token.isBearer)
            } catch {
                #expect(error.code == code, "\(file)")
            }
        }
    }
}

@Suite("TokenResponse parsing")
struct TokenResponseParsingTests {
    static let cases: [(body: String, outcome: String)] = [
        (#"{"access_token":"a","token_type":"BEARER"}"#, "token a BEARER nil"),
        (#"{"access_token":"a","token_type":"bearer","expires_in":"3600","x":{"y":[1]}}"#, "token a bearer 3600"),
        (#"{"access_token":"a","token_type":"Bearer","expires_in":null}"#, "token a Bearer nil"),
        (#"{"access_token":"a","token_type":"Bearer","expires_in":36.5}"#, "error malformed_response"),
        (#"{"access_token":"a","token_type":"Bearer","expires_in":-1}"#, "error malformed_response"),
        (#"{"access_token":"a","token_type":"Bearer","expires_in":"soon"}"#, "error malformed_response"),
        (#"{"access_token":"a","token_type":"Bearer","expires_in":true}"#, "error malformed_response"),
        (#"{"token_type":"Bearer"}"#, "error malformed_response"),
        (#"{"access_token":42,"token_type":"Bearer"}"#, "error malformed_response"),
        (#"{"access_token":"a"}"#, "error malformed_response"),
        (#"{"error":"invalid_grant","error_description":"expired"}"#, "error invalid_grant"),
        (#"{"error":"slow_down"}"#, "error other_oauth_error"),
        (#"{"error":"temporarily_unavailable"}"#, "error temporarily_unavailable"),
        ("[]", "error malformed_response"),
        ("", "error malformed_response"),
    ]

    @Test("members, types and errors", arguments: cases)
    func parse(body: String, outcome: String) {
        do {
            let token = try TokenResponse.parse(Array(body.utf8))
            let lifetime = token.expiresIn.map(String.init) ?? "nil"
            #expect("token \(token.accessToken) \(token.tokenType) \(lifetime)" == outcome)
        } catch {
            #expect("error \(error.code.rawValue)" == outcome)
        }
    }
}
