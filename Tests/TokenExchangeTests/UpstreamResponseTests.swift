import Foundation
import HTTPServer
import SkillSupport
import Testing
import TokenExchange

private let refresh = "grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA"

@Suite("Token endpoint: what goes back to Alexa")
struct UpstreamResponseTests {
    @Test("a complete success passes through byte for byte")
    func completeSuccessUnchanged() async throws {
        let upstream =
            "{ \"access_token\" : \"2YotnFZFEjr1zCsicMWpAA\",\n  \"token_type\":\"bearer\","
            + " \"expires_in\":3600, \"refresh_token\":\"tGzv3JOkF0XG5Qx2TlKWIA\", \"ratio\": 1.50,"
            + " \"nested\": {\"a\": [1, 2.0e3]}, \"u\":\"\\u00e9\" }\n"
        let harness = try ProxyHarness(upstream: UpstreamFake(body: upstream))
        let response = await harness.post(refresh)

        #expect(response.status == 200)
        #expect(response.body == Array(upstream.utf8))
    }

    @Test("a missing expires_in comes from the access token's exp when it is a JWT")
    func expiresInFromJWT() async throws {
        let exp = Int(ProxyHarness.now.timeIntervalSince1970) + 1800
        let token = TestJWT.make(claims: #"{"sub":"u","exp":\#(exp)}"#)
        let upstream = #"{"access_token":"\#(token)","token_type":"Bearer","refresh_token":"r2","n":3600}"#
        let harness = try ProxyHarness(upstream: UpstreamFake(body: upstream))
        harness.clock.advance(by: 0.25)

        let response = await harness.post(refresh)

        #expect(response.status == 200)
        // Rounded down: 1799.75 s remain.
        let expected = String(upstream.dropLast()) + #","expires_in":1799}"#
        #expect(response.text == expected)
        #expect(response.jsonObject?["expires_in"] as? Int == 1799)
    }

    static let lifetimes: [(claims: String?, expected: Int)] = [
        (#"{"exp":1700000600}"#, 600),
        (#"{"exp":1700000600.9}"#, 600),
        (#"{"exp":1699990000}"#, 0),
        (#"{"exp":"1700000600"}"#, 3600),
        (#"{"sub":"no-exp"}"#, 3600),
        (#"{"exp":true}"#, 3600),
        (#"["not","an","object"]"#, 3600),
        (#"{"exp":1e300}"#, Int(Int32.max)),
        (nil, 3600),
    ]

    @Test("expires_in from exp (rounded down, never negative) or the configured default", arguments: lifetimes)
    func lifetimeSources(claims: String?, expected: Int) async throws {
        let token = claims.map(TestJWT.make) ?? "2YotnFZFEjr1zCsicMWpAA"
        let upstream = UpstreamFake(body: #"{"access_token":"\#(token)","token_type":"Bearer"}"#)
        let harness = try ProxyHarness(upstream: upstream)
        let response = await harness.post(refresh)

        #expect(response.status == 200)
        #expect(response.jsonObject?["expires_in"] as? Int == expected)
        #expect(response.text.hasSuffix(#","expires_in":\#(expected)}"#))
    }

    @Test("the configured default lifetime is used for opaque tokens")
    func configuredDefault() async throws {
        let upstream = UpstreamFake(body: #"{"access_token":"opaque","token_type":"Bearer"}"#)
        let harness = try ProxyHarness(upstream: upstream, defaultExpiresIn: 900)
        let response = await harness.post(refresh)

        #expect(response.text == #"{"access_token":"opaque","token_type":"Bearer","expires_in":900}"#)
    }

    static let existingLifetimes = [
        #"{"access_token":"a","token_type":"Bearer","expires_in":86400}"#,
        #"{"access_token":"a","token_type":"Bearer","expires_in":"3600"}"#,
        #"{"access_token":"a","token_type":"Bearer","expires_in":0}"#,
        #"{"expires_in" : 3600.0, "access_token":"a","token_type":"Bearer"}"#,
        #"{"access_token":"a","token_type":"Bearer","expires_in":null}"#,
    ]

    @Test("an existing expires_in is never overwritten, whatever its type", arguments: existingLifetimes)
    func existingExpiresInUntouched(body: String) async throws {
        let harness = try ProxyHarness(upstream: UpstreamFake(body: body))
        let response = await harness.post(refresh)

        #expect(response.status == 200)
        #expect(response.body == Array(body.utf8))
    }

    static let tokenTypes: [(upstream: String, expected: String)] = [
        (#"{"access_token":"a","expires_in":60}"#, #"{"access_token":"a","expires_in":60,"token_type":"Bearer"}"#),
        (#"{"access_token":"a"}"#, #"{"access_token":"a","expires_in":3600,"token_type":"Bearer"}"#),
        ("{\"access_token\":\"a\"}\n  ", "{\"access_token\":\"a\",\"expires_in\":3600,\"token_type\":\"Bearer\"}\n  "),
        ("{}", #"{"expires_in":3600,"token_type":"Bearer"}"#),
        ("{ }", #"{ "expires_in":3600,"token_type":"Bearer"}"#),
        (#"{"token_type":"DPoP","expires_in":5}"#, #"{"token_type":"DPoP","expires_in":5}"#),
    ]

    @Test("a missing token_type becomes Bearer; an existing one stays", arguments: tokenTypes)
    func tokenTypeAdded(upstream: String, expected: String) async throws {
        let harness = try ProxyHarness(upstream: UpstreamFake(body: upstream))
        let response = await harness.post(refresh)

        #expect(response.status == 200)
        #expect(response.text == expected)
        #expect(response.jsonObject != nil)
    }

    static let upstreamErrors: [(status: Int, body: String)] = [
        (400, #"{"error":"invalid_grant","error_description":"Unknown or invalid refresh token."}"#),
        (400, "{\n  \"error\" : \"invalid_request\"\n}\n"),
        (401, #"{"error":"invalid_client"}"#),
        (403, #"{"error":"unauthorized_client","error_uri":"https://idp.example.com/e?x=1&y=%20"}"#),
        (429, "Too Many Requests"),
        (500, "<html><body>oops</body></html>"),
    ]

    /// An error without a body gets an implied OAuth error instead (`EmptyErrorBodyTests`).
    @Test("upstream error statuses and bodies pass through unchanged", arguments: upstreamErrors)
    func upstreamErrorPassesThrough(status: Int, body: String) async throws {
        let headers = ["Content-Type": "application/json", "WWW-Authenticate": #"Basic realm="idp""#]
        let harness = try ProxyHarness(upstream: UpstreamFake(status: status, body: body, headers: headers))
        let response = await harness.post(refresh)

        #expect(response.status == status)
        #expect(response.body == Array(body.utf8))
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(response.headers["WWW-Authenticate"] == #"Basic realm="idp""#)
    }

    @Test("an upstream 200 whose body carries error is an error: status 400, body unchanged")
    func successStatusWithError() async throws {
        let body = #"{"error":"invalid_grant","error_description":"refresh token revoked"}"#
        let harness = try ProxyHarness(upstream: UpstreamFake(status: 200, body: body))
        let response = await harness.post(refresh)

        #expect(response.status == 400)
        #expect(response.body == Array(body.utf8))
    }

    @Test("an error member that is JSON null does not make a success an error")
    func nullErrorMember() async throws {
        let body = #"{"access_token":"a","token_type":"Bearer","expires_in":60,"error":null}"#
        let harness = try ProxyHarness(upstream: UpstreamFake(body: body))
        let response = await harness.post(refresh)

        #expect(response.status == 200)
        #expect(response.body == Array(body.utf8))
    }

    static let unreadable = [
        "", "not json", "[1,2]", "\"string\"", "{\"access_token\":", "access_token=a&token_type=bearer",
    ]

    @Test("an upstream 200 that is not a JSON object is a 502 server_error", arguments: unreadable)
    func successStatusNotJSON(body: String) async throws {
        let harness = try ProxyHarness(upstream: UpstreamFake(status: 200, body: body))
        let response = await harness.post(refresh)

        #expect(response.status == 502)
        #expect(response.oauthError == "server_error")
        #expect(response.headers["Content-Type"] == "application/json;charset=UTF-8")
    }

    static let transportFailures: [(error: HTTPClientError.Code, answer: String)] = [
        (.timeout, "504 temporarily_unavailable"),
        (.unreachable, "502 temporarily_unavailable"),
        (.responseTooLarge, "502 server_error"),
        (.redirectRefused, "502 server_error"),
        (.invalidResponse, "502 server_error"),
    ]

    @Test("transport failures become OAuth-style 502 and 504 answers", arguments: transportFailures)
    func transportFailure(error: HTTPClientError.Code, answer: String) async throws {
        let harness = try ProxyHarness(upstream: UpstreamFake(failing: HTTPClientError(error, "test")))
        let response = await harness.post(refresh)

        #expect("\(response.status) \(response.oauthError ?? "none")" == answer)
        #expect(response.jsonObject?["error_description"] is String)
        #expect(response.headers["Content-Type"] == "application/json;charset=UTF-8")
    }

    static let everyKindOfAnswer: [(upstream: UpstreamFake, request: String)] = [
        (UpstreamFake(body: #"{"access_token":"a"}"#), refresh),
        (UpstreamFake(status: 400, body: #"{"error":"invalid_grant"}"#), refresh),
        (UpstreamFake(body: #"{"error":"invalid_grant"}"#), refresh),
        (UpstreamFake(body: "nope"), refresh),
        (UpstreamFake(failing: HTTPClientError(.timeout)), refresh),
        (UpstreamFake(failing: HTTPClientError(.unreachable)), refresh),
        (UpstreamFake(body: "{}"), "grant_type=password"),
        (UpstreamFake(body: "{}"), "grant_type="),
    ]

    @Test("every answer carries Cache-Control: no-store and Pragma: no-cache", arguments: everyKindOfAnswer)
    func noStoreEverywhere(upstream: UpstreamFake, request: String) async throws {
        let harness = try ProxyHarness(upstream: upstream)
        for contentType in ["application/x-www-form-urlencoded", "application/json"] {
            let response = await harness.post(request, contentType: contentType)
            #expect(response.headers.values("Cache-Control") == ["no-store"])
            #expect(response.headers.values("Pragma") == ["no-cache"])
        }
    }
}
