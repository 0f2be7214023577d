import Foundation
import HTTPServer
import SkillSupport
import Testing
import TokenExchange

@Suite("Token endpoint logs")
struct SecretLoggingTests {
    static let secrets = [
        "SplxlOBeZQQYbYS6WxSbIA",  // authorization code
        "tGzv3JOkF0XG5Qx2TlKWIA",  // refresh token
        "s3cr3t-client-p4ss",  // client secret
        "2YotnFZFEjr1zCsicMWpAA",  // access token
        "n3wR3fr3sh",  // rotated refresh token
        "verifier-dBjftJeZ4CVP",  // PKCE code verifier
    ]

    /// Each scripted answer echoes secrets back, as a careless provider might.
    static let answers: [(status: Int, body: String)] = [
        (200, #"{"access_token":"2YotnFZFEjr1zCsicMWpAA","refresh_token":"n3wR3fr3sh"}"#),
        (400, #"{"error":"invalid_grant","error_description":"code SplxlOBeZQQYbYS6WxSbIA was used"}"#),
        (200, #"{"error":"tGzv3JOkF0XG5Qx2TlKWIA"}"#),
        (500, "s3cr3t-client-p4ss"),
        (200, "2YotnFZFEjr1zCsicMWpAA"),
    ]

    @Test(
        "no code, token or secret reaches the logs, while grant, outcome and upstream status do",
        arguments: answers
    )
    func noSecretsLogged(status: Int, body: String) async throws {
        let harness = try ProxyHarness(upstream: UpstreamFake(status: status, body: body))
        let basic = basicHeader(id: "alexa", secret: "s3cr3t-client-p4ss")
        _ = await harness.post(
            "grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA&code_verifier=verifier-dBjftJeZ4CVP"
                + "&redirect_uri=https%3A%2F%2Flayla.amazon.com%2Fapi%2Fskill%2Flink",
            authorization: basic
        )
        _ = await harness.post(
            "grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA"
                + "&client_id=alexa&client_secret=s3cr3t-client-p4ss"
        )
        _ = await harness.post("grant_type=password&password=s3cr3t-client-p4ss", authorization: basic)
        _ = await harness.post(
            "grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA&client_id=x",
            authorization: basic
        )

        let text = harness.logs.text
        for secret in Self.secrets {
            #expect(!text.contains(secret), "log contains \(secret)")
        }
        #expect(!text.contains(String(basic.dropFirst(6))))

        let records = harness.logs.records
        #expect(records.count == 4)
        let grants = records.map { $0.metadata["oauth.grant_type"] }
        #expect(grants == ["authorization_code", "refresh_token", "unknown", "refresh_token"])
        #expect(records.prefix(2).allSatisfy { $0.metadata["http.upstream_status"] == String(status) })
        #expect(records.allSatisfy { $0.metadata["token.outcome"] != nil })
        #expect(records[2].metadata["token.outcome"] == "unsupported_grant_type")
        #expect(records[3].metadata["token.outcome"] == "conflicting_credentials")
    }

    @Test("a successful exchange logs one line naming the grant, the outcome and the upstream status")
    func successLine() async throws {
        let harness = try ProxyHarness(upstream: UpstreamFake(body: #"{"access_token":"2YotnFZFEjr1zCsicMWpAA"}"#))
        _ = await harness.post("grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA")

        let record = try #require(harness.logs.records.first)
        #expect(harness.logs.records.count == 1)
        #expect(record.event == "token.exchange.completed")
        #expect(record.metadata["oauth.grant_type"] == "refresh_token")
        #expect(record.metadata["token.outcome"] == "issued")
        #expect(record.metadata["http.upstream_status"] == "200")
        #expect(record.metadata["token.expires_in_source"] == "default")
        #expect(record.metadata["token.token_type_added"] == "true")
    }
}
