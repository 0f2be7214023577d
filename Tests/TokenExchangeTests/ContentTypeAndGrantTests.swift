import Foundation
import HTTPServer
import Testing
import TokenExchange

private let okBody = #"{"access_token":"at","token_type":"Bearer","expires_in":3600}"#

@Suite("Token endpoint: media types, methods, sizes and grants")
struct ContentTypeAndGrantTests {
    static let contentTypes: [(header: String?, accepted: Bool)] = [
        ("application/x-www-form-urlencoded", true),
        ("application/x-www-form-urlencoded; charset=UTF-8", true),
        ("application/x-www-form-urlencoded;charset=utf-8", true),
        ("APPLICATION/X-WWW-FORM-URLENCODED", true),
        ("Application/X-Www-Form-Urlencoded ; Charset=\"UTF-8\"", true),
        ("application/json", false),
        ("text/plain", false),
        ("multipart/form-data; boundary=x", false),
        ("application/x-www-form-urlencoded-extra", false),
        ("application/x-www-form-urlencoded; charset=ISO-8859-1", false),
        ("", false),
        (nil, false),
    ]

    @Test("content types", arguments: contentTypes)
    func contentType(header: String?, accepted: Bool) async throws {
        let harness = try ProxyHarness(upstream: UpstreamFake(body: okBody))
        let body = "grant_type=client_credentials&client_id=c&client_secret=s"
        let response = await harness.post(body, contentType: header)

        if accepted {
            #expect(response.status == 200)
            #expect(harness.upstream.requests.count == 1)
        } else {
            #expect(response.status == 400)
            #expect(response.oauthError == "invalid_request")
            #expect(harness.upstream.requests.isEmpty)
        }
    }

    static let grants: [GrantCase] = [
        GrantCase("grant_type=authorization_code&code=abc&redirect_uri=https%3A%2F%2Fa.example%2Fcb", 200, nil),
        GrantCase("grant_type=refresh_token&refresh_token=rt", 200, nil),
        GrantCase("grant_type=client_credentials", 200, nil),
        GrantCase("grant_type=password&username=u&password=p", 400, "unsupported_grant_type"),
        GrantCase("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer", 400, "unsupported_grant_type"),
        GrantCase("grant_type=implicit", 400, "unsupported_grant_type"),
        GrantCase("grant_type=REFRESH_TOKEN&refresh_token=rt", 400, "unsupported_grant_type"),
        GrantCase("code=abc", 400, "invalid_request"),
        GrantCase("grant_type=&code=abc", 400, "invalid_request"),
        GrantCase("", 400, "invalid_request"),
        GrantCase("grant_type=authorization_code&redirect_uri=x", 400, "invalid_request"),
        GrantCase("grant_type=refresh_token", 400, "invalid_request"),
        GrantCase("grant_type=refresh_token&refresh_token=", 400, "invalid_request"),
        GrantCase("grant_type=refresh_token&refresh_token=a&refresh_token=b", 400, "invalid_request"),
        GrantCase("grant_type=client_credentials&grant_type=client_credentials", 400, "invalid_request"),
        GrantCase("grant_type=client_credentials&scope=&scope=admin", 400, "invalid_request"),
        GrantCase("grant_type=client_credentials&scope=%ZZ", 400, "invalid_request"),
        GrantCase("grant_type=client_credentials&scope=%C3%28", 400, "invalid_request"),
    ]

    @Test("grants: known ones are forwarded, anything else is refused and not forwarded", arguments: grants)
    func grant(_ test: GrantCase) async throws {
        let harness = try ProxyHarness(upstream: UpstreamFake(body: okBody))
        let response = await harness.post(test.body)

        #expect(response.status == test.status)
        #expect(response.oauthError == test.error)
        #expect(harness.upstream.requests.count == (test.status == 200 ? 1 : 0))
    }

    @Test("the authorization-code grant forwards code, redirect_uri, code_verifier and extension parameters unchanged")
    func authorizationCodeParametersPassOn() async throws {
        let harness = try ProxyHarness(upstream: UpstreamFake(body: okBody))
        let body =
            "grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA"
            + "&redirect_uri=https%3A%2F%2Fpitangui.amazon.com%2Fspa%2Fskill%2F"
            + "account-linking-status.html%3FvendorId%3DX"
            + "&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk&client_id=alexa&resource=https%3A%2F%2Fapi"
        _ = await harness.post(body)

        let forwarded = try #require(harness.upstream.requests.first)
        #expect(forwarded.body == Data(body.utf8))
        #expect(forwarded.method == "POST")
        #expect(forwarded.url == ProxyHarness.upstreamURL)
        #expect(forwarded.timeout == 5)
        #expect(forwarded.headers["Content-Type"] == "application/x-www-form-urlencoded")
        #expect(forwarded.headers["Authorization"] == nil)
        #expect(forwarded.formValue("code") == "SplxlOBeZQQYbYS6WxSbIA")
        #expect(forwarded.formValue("redirect_uri")?.hasSuffix("account-linking-status.html?vendorId=X") == true)
        #expect(forwarded.formValue("code_verifier") == "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        #expect(forwarded.formValue("resource") == "https://api")
    }

    @Test("methods other than POST get 405 with Allow: POST")
    func methodNotAllowed() async throws {
        let harness = try ProxyHarness(upstream: UpstreamFake(body: okBody))
        let response = await harness.post("grant_type=client_credentials", method: "GET")

        #expect(response.status == 405)
        #expect(response.headers["Allow"] == "POST")
        #expect(response.oauthError == "invalid_request")
        #expect(harness.upstream.requests.isEmpty)
    }

    static let sizes: [(bytes: Int, status: Int)] = [(16 * 1024, 200), (16 * 1024 + 1, 413), (1 << 20, 413)]

    @Test("bodies over 16 KiB get 413 and are not forwarded", arguments: sizes)
    func oversizedBody(bytes: Int, status: Int) async throws {
        let harness = try ProxyHarness(upstream: UpstreamFake(body: okBody))
        let prefix = "grant_type=client_credentials&pad="
        let body = prefix + String(repeating: "a", count: bytes - prefix.utf8.count)
        #expect(body.utf8.count == bytes)

        let response = await harness.post(body)

        #expect(response.status == status)
        #expect(harness.upstream.requests.count == (status == 200 ? 1 : 0))
        if status == 413 { #expect(response.oauthError == "invalid_request") }
    }
}

struct GrantCase: Sendable, CustomTestStringConvertible {
    var body: String
    var status: Int
    var error: String?

    init(_ body: String, _ status: Int, _ error: String?) {
        self.body = body
        self.status = status
        self.error = error
    }

    var testDescription: String { body.isEmpty ? "(empty body)" : body }
}
