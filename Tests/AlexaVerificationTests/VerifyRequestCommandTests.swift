import AlexaVerification
import Foundation
import Testing

@Suite("verify-request command")
struct VerifyRequestCommandTests {
    /// Writes `bytes` to a fresh temporary file and returns its path.
    private func temporaryFile(_ bytes: [UInt8]) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("verify-request-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test(.enabled(if: Vectors.available, Comment(rawValue: Vectors.skipMessage)))
    func realRequestIsValidAtItsTimestamp() async throws {
        let options = VerifyRequestOptions(
            bodyFile: Vectors.root.appendingPathComponent(
                "alexa/signed/amzn-sha1-2019-07-15-launch-apiaccesstoken.body.json"
            ).path,
            certURL: "https://s3.amazonaws.com/echo.api/echo-api-cert-7.pem",
            signature: String(
                decoding: try Vectors.bytes("alexa/signed/amzn-sha1-2019-07-15-launch-apiaccesstoken.signature.b64"),
                as: UTF8.self
            ),
            allowSHA1: true,
            chainFile: Vectors.root.appendingPathComponent("alexa/signed/echo-api-cert-7.chain.pem").path,
            now: "2019-07-15T22:44:23Z"
        )
        let outcome = await VerifyRequestCommand.run(options, httpClient: FakeHTTPClient(body: []))
        #expect(
            outcome
                == VerifyRequestOutcome(
                    standardOutput: #"{"valid":true,"reason":null}"#,
                    standardError: "",
                    exitStatus: 0
                )
        )

        var late = options
        late.now = "2019-07-15T22:46:54Z"
        let lateOutcome = await VerifyRequestCommand.run(late, httpClient: FakeHTTPClient(body: []))
        #expect(lateOutcome.standardOutput == #"{"valid":false,"reason":"timestamp_out_of_range"}"#)
        #expect(lateOutcome.exitStatus == 1)
    }

    @Test(.enabled(if: TestPKI.available, "openssl CLI unavailable"))
    func testPKIRequestWithCAFileAndSkillID() async throws {
        let pki = try TestPKI.get()
        let body = RequestFixtures.envelope()
        var options = VerifyRequestOptions(
            bodyFile: try temporaryFile(body),
            certURL: RequestFixtures.certURL,
            signature256: try pki.sign(body),
            chainFile: try temporaryFile(pki.chainPEM),
            caFile: pki.path("root.pem"),
            now: "2026-06-01T00:00:00Z",
            skillIDs: [RequestFixtures.skillID]
        )
        #expect(await VerifyRequestCommand.run(options).exitStatus == 0)

        options.skillIDs = ["amzn1.ask.skill.other"]
        let mismatch = await VerifyRequestCommand.run(options)
        #expect(mismatch.standardOutput == #"{"valid":false,"reason":"skill_id_mismatch"}"#)
        #expect(mismatch.exitStatus == 1)

        options.skillIDs = []
        options.certURL = "https://s3.amazonaws.com/EcHo.aPi/x.pem"
        let badURL = await VerifyRequestCommand.run(options)
        #expect(badURL.standardOutput == #"{"valid":false,"reason":"cert_url_invalid"}"#)
    }

    @Test func withoutChainFileTheChainIsDownloadedFromTheNormalisedURL() async throws {
        let client = FakeHTTPClient(status: 404, body: [])
        let options = VerifyRequestOptions(
            bodyFile: try temporaryFile(RequestFixtures.envelope()),
            certURL: "https://S3.amazonaws.com:443/echo.api/../echo.api/c.pem",
            signature256: "AAAA"
        )
        let outcome = await VerifyRequestCommand.run(options, httpClient: client)
        #expect(outcome.standardOutput == #"{"valid":false,"reason":"cert_fetch_failed"}"#)
        #expect(client.requestedURLs.map(\.absoluteString) == ["https://s3.amazonaws.com/echo.api/c.pem"])
    }

    @Test func usageErrorsExitWithTwo() async throws {
        let body = try temporaryFile(RequestFixtures.envelope())
        let cases = [
            VerifyRequestOptions(bodyFile: body, certURL: RequestFixtures.certURL),
            VerifyRequestOptions(
                bodyFile: body,
                certURL: RequestFixtures.certURL,
                signature256: "AA==",
                signature: "AA==",
                allowSHA1: true
            ),
            VerifyRequestOptions(bodyFile: body, certURL: RequestFixtures.certURL, signature: "AA=="),
            VerifyRequestOptions(
                bodyFile: body,
                certURL: RequestFixtures.certURL,
                signature256: "AA==",
                now: "yesterday"
            ),
            VerifyRequestOptions(
                bodyFile: "/nonexistent/body.json",
                certURL: RequestFixtures.certURL,
                signature256: "AA=="
            ),
            VerifyRequestOptions(
                bodyFile: body,
                certURL: RequestFixtures.certURL,
                signature256: "AA==",
                chainFile: "/nonexistent/chain.pem"
            ),
            VerifyRequestOptions(
                bodyFile: body,
                certURL: RequestFixtures.certURL,
                signature256: "AA==",
                caFile: "/nonexistent/ca.pem"
            ),
        ]
        for options in cases {
            let outcome = await VerifyRequestCommand.run(options, httpClient: FakeHTTPClient(body: []))
            #expect(outcome.exitStatus == 2)
            #expect(outcome.standardOutput.isEmpty)
            #expect(!outcome.standardError.isEmpty)
        }
    }
}
