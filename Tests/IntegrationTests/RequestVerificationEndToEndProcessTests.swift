import AlexaVerification
import Foundation
import SkillSupport
import Testing

/// The shipped executable, `skill-server serve`, with verification on, the test root as
/// `--ca-file` and the test chain under `--cert-chain-dir` (named like the URL's last path
/// component, as the option documents), answering signed requests over HTTP.
@Suite(
    "Request verification through the skill-server process",
    .enabled(if: SkillServerProcess.executableAvailable, "build it first: .build/debug/skill-server is absent"),
    .enabled(if: E2EPKI.available, "needs the openssl command to make the test PKI")
)
struct RequestVerificationEndToEndProcessTests {
    @Test("serve with --cert-chain-dir and --ca-file accepts a signed request and refuses forged ones")
    func serveProcess() async throws {
        let pki = try E2EPKI.get()
        let chainDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("alexa-e2e-chains-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: chainDirectory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: chainDirectory) }
        try Data(pki.signingChainPEM.utf8)
            .write(to: chainDirectory.appendingPathComponent(E2EChainServer.chainFileName))

        let server = try await SkillServerProcess(arguments: [
            "--issuer", "https://issuer.e2e.invalid/",
            "--audience", "e2e-skill",
            // Requests here carry no access token, so the JWKS is never fetched (port 9 is discard).
            "--jwks-url", "http://127.0.0.1:9/.well-known/jwks.json",
            "--skill-id", E2ESkillServer.skillID,
            "--ca-file", pki.rootFile,
            "--cert-chain-dir", chainDirectory.path,
            "--weather", E2EPaths.conditionsFile,
        ])
        let client = URLSessionHTTPClient()
        let post = { (body: [UInt8], headers: [String: String]) async throws -> E2EResponse in
            let response = try await client.send(
                OutboundRequest(url: server.alexaURL, method: "POST", headers: headers, body: Data(body), timeout: 10)
            )
            return E2EResponse(status: response.status, body: String(decoding: response.body, as: UTF8.self))
        }

        let launch = try E2ESignedRequest(sample: "launch.json")
        let launchHeaders = try launch.signedHeaders(pki: pki)
        let accepted = try await post(launch.body, launchHeaders)
        #expect(accepted.status == 200)
        #expect(accepted.body.contains("Welcome to Wardrobe Helper"))

        let playback = try E2ESignedRequest(sample: "playback-stopped-no-session.json")
        let withoutSession = try await post(playback.body, try playback.signedHeaders(pki: pki))
        #expect(withoutSession.status == 200)

        // The signature of another body: verified against the chain from the directory, refused.
        let other = try E2ESignedRequest(sample: "launch.json")
        let forged = try await post(other.body, launchHeaders)
        #expect(forged.status == 400)
        #expect(forged.reason == "signature_invalid")
        #expect(!forged.body.contains("Welcome"))

        var untrusted = try E2ESignedRequest(sample: "launch.json")
        untrusted.certificateURL = "http://s3.amazonaws.com/echo.api/\(E2EChainServer.chainFileName)"
        let badURL = try await post(untrusted.body, try untrusted.signedHeaders(pki: pki))
        #expect(badURL.status == 400)
        #expect(badURL.reason == "cert_url_invalid")

        let status = try await server.stop()
        #expect(status == 0)
        let log = server.standardError
        // The chain came from the directory, and no signature reached the log even at debug level.
        #expect(log.contains("event=alexa.cert_chain.local"))
        #expect(!log.contains("event=alexa.cert_chain.fetched"))
        #expect(log.contains("alexa.reason=signature_invalid"))
        if let signature = launchHeaders[AlexaHeaderName.signature256] {
            #expect(!log.contains(signature))
        }
    }
}
