import AlexaVerification
import Foundation
import Testing

/// Signed requests posted over HTTP to the real server assembly, which proves each one comes
/// from Alexa: the certificate chain is downloaded over HTTPS from a loopback server holding
/// the test chain, trusted through the test root given as the CA file.
@Suite(
    "Request verification end to end",
    .enabled(if: E2EEnvironment.ready, "needs the openssl and curl commands (scripts/setup installs them)")
)
struct RequestVerificationEndToEndTests {
    // MARK: Accepted requests

    @Test("a signed LaunchRequest is answered 200 with the welcome")
    func validLaunchRequest() async throws {
        try await E2EEnvironment.withServer { server, pki in
            let request = try E2ESignedRequest(sample: "launch.json")

            let response = try await server.post(request.body, headers: try request.signedHeaders(pki: pki))

            #expect(response.status == 200)
            #expect(response.body.contains("Welcome to Wardrobe Helper"))
            #expect(server.dispatched(requestID: request.requestID))
            #expect(server.chainServer.chainDownloads == 1)
        }
    }

    @Test("a signed request without session (AudioPlayer.PlaybackStopped) is answered 200")
    func requestWithoutSession() async throws {
        try await E2EEnvironment.withServer { server, pki in
            let request = try E2ESignedRequest(sample: "playback-stopped-no-session.json")
            #expect(!String(decoding: request.body, as: UTF8.self).contains(#""session""#))

            let response = try await server.post(request.body, headers: try request.signedHeaders(pki: pki))

            #expect(response.status == 200)
            #expect(response.reason == nil)
            #expect(!response.body.contains("outputSpeech"))
            #expect(server.dispatched(requestID: request.requestID))
        }
    }

    @Test("the chain is downloaded once across several requests, concurrent ones included")
    func chainFetchedOnce() async throws {
        try await E2EEnvironment.withServer { server, pki in
            for _ in 0..<2 {
                let request = try E2ESignedRequest(sample: "launch.json")
                let response = try await server.post(request.body, headers: try request.signedHeaders(pki: pki))
                #expect(response.status == 200)
            }
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 {
                    let request = try E2ESignedRequest(sample: "launch.json")
                    let headers = try request.signedHeaders(pki: pki)
                    group.addTask { try await server.post(request.body, headers: headers).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }

            #expect(statuses == [200, 200, 200, 200])
            #expect(server.chainServer.chainDownloads == 1)
            #expect(server.chainServer.requestCount == 1)
        }
    }

    @Test("a request timestamped 140 s ago is still accepted")
    func timestampJustInside() async throws {
        try await E2EEnvironment.withServer { server, pki in
            let request = try E2ESignedRequest(sample: "launch.json", timestamp: server.now.addingTimeInterval(-140))

            let response = try await server.post(request.body, headers: try request.signedHeaders(pki: pki))

            #expect(response.status == 200)
        }
    }

    @Test("a body of exactly 128 KiB is accepted")
    func bodyAtTheLimit() async throws {
        try await E2EEnvironment.withServer { server, pki in
            var request = try E2ESignedRequest(sample: "launch.json")
            // Trailing white space is valid JSON (RFC 8259 section 2), so the envelope still decodes.
            request.body += Array(repeating: UInt8(ascii: " "), count: 128 * 1024 - request.body.count)

            let response = try await server.post(request.body, headers: try request.signedHeaders(pki: pki))

            #expect(request.body.count == 128 * 1024)
            #expect(response.status == 200)
        }
    }

    // MARK: Amazon's certification checks

    @Test("an empty Signature-256 header is refused with signature_missing")
    func emptySignature() async throws {
        try await E2EEnvironment.withServer { server, pki in
            let request = try E2ESignedRequest(sample: "launch.json")
            var headers = try request.signedHeaders(pki: pki)
            headers[AlexaHeaderName.signature256] = ""

            let response = try await server.post(request.body, headers: headers)

            // The header must have arrived, empty, for this to test an empty signature.
            #expect(server.receivedValues(AlexaHeaderName.signature256) == [[""]])
            try expectRefused(response, reason: "signature_missing", request: request, server: server)
        }
    }

    @Test("a request without a signature header is refused with signature_missing")
    func noSignatureHeader() async throws {
        try await E2EEnvironment.withServer { server, pki in
            let request = try E2ESignedRequest(sample: "launch.json")
            var headers = try request.signedHeaders(pki: pki)
            headers[AlexaHeaderName.signature256] = nil

            let response = try await server.post(request.body, headers: headers)

            #expect(server.receivedValues(AlexaHeaderName.signature256) == [[]])
            try expectRefused(response, reason: "signature_missing", request: request, server: server)
        }
    }

    @Test("a well-formed certificate URL that the host answers 404 is refused with cert_fetch_failed")
    func wrongCertificateURL() async throws {
        try await E2EEnvironment.withServer { server, pki in
            var request = try E2ESignedRequest(sample: "launch.json")
            request.certificateURL = "https://s3.amazonaws.com/echo.api/echo-api-cert-0.pem"

            let response = try await server.post(request.body, headers: try request.signedHeaders(pki: pki))

            try expectRefused(response, reason: "cert_fetch_failed", request: request, server: server)
            // The download really was attempted, over TLS to the loopback host, and found nothing.
            #expect(server.chainServer.requestCount == 1)
            #expect(server.chainServer.chainDownloads == 0)
        }
    }

    @Test(
        "an invalid certificate URL is refused with cert_url_invalid before any download",
        arguments: [
            "http://s3.amazonaws.com/echo.api/\(E2EChainServer.chainFileName)",
            "https://notamazon.com/echo.api/\(E2EChainServer.chainFileName)",
            "https://s3.amazonaws.com.evil.example/echo.api/\(E2EChainServer.chainFileName)",
            "https://s3.amazonaws.com:563/echo.api/\(E2EChainServer.chainFileName)",
            "https://s3.amazonaws.com/EcHo.aPi/\(E2EChainServer.chainFileName)",
            "https://s3.amazonaws.com/echo.api/../\(E2EChainServer.chainFileName)",
        ]
    )
    func invalidCertificateURL(_ url: String) async throws {
        try await E2EEnvironment.withServer { server, pki in
            var request = try E2ESignedRequest(sample: "launch.json")
            request.certificateURL = url

            let response = try await server.post(request.body, headers: try request.signedHeaders(pki: pki))

            try expectRefused(response, reason: "cert_url_invalid", request: request, server: server)
            #expect(server.chainServer.requestCount == 0)
        }
    }

    @Test("a signature over other bytes is refused with signature_invalid")
    func bodyChangedAfterSigning() async throws {
        try await E2EEnvironment.withServer { server, pki in
            var request = try E2ESignedRequest(sample: "launch.json")
            let headers = try request.signedHeaders(pki: pki)
            let text = String(decoding: request.body, as: UTF8.self)
            request.body = Array(text.replacingOccurrences(of: #""locale": "en-US""#, with: #""locale": "en-GB""#).utf8)
            #expect(String(decoding: request.body, as: UTF8.self) != text)

            let response = try await server.post(request.body, headers: headers)

            try expectRefused(response, reason: "signature_invalid", request: request, server: server)
        }
    }

    @Test("a signature that is not the leaf key's is refused with signature_invalid")
    func forgedSignature() async throws {
        try await E2EEnvironment.withServer { server, pki in
            let request = try E2ESignedRequest(sample: "launch.json")
            var headers = try request.signedHeaders(pki: pki)
            let forged = (0..<256).map { _ in UInt8.random(in: 0...255) }
            headers[AlexaHeaderName.signature256] = Data(forged).base64EncodedString()

            let response = try await server.post(request.body, headers: headers)

            try expectRefused(response, reason: "signature_invalid", request: request, server: server)
        }
    }

    // MARK: Timestamp, skill id, size

    @Test(
        "a request timestamped 151 s away from now is refused with timestamp_out_of_range",
        arguments: [-151.0, 151.0]
    )
    func timestampOutOfRange(_ offset: Double) async throws {
        try await E2EEnvironment.withServer { server, pki in
            let timestamp = server.now.addingTimeInterval(offset)
            let request = try E2ESignedRequest(sample: "launch.json", timestamp: timestamp)

            let response = try await server.post(request.body, headers: try request.signedHeaders(pki: pki))

            try expectRefused(response, reason: "timestamp_out_of_range", request: request, server: server)
        }
    }

    @Test(
        "a request for another skill is refused with skill_id_mismatch",
        arguments: [
            "launch.json", "playback-stopped-no-session.json",
        ]
    )
    func wrongSkillID(_ sample: String) async throws {
        try await E2EEnvironment.withServer { server, pki in
            let request = try E2ESignedRequest(
                sample: sample,
                skillID: "amzn1.ask.skill.00000000-e2e0-4000-8000-0000000000ff"
            )

            let response = try await server.post(request.body, headers: try request.signedHeaders(pki: pki))

            try expectRefused(response, reason: "skill_id_mismatch", request: request, server: server)
        }
    }

    @Test("a body over 128 KiB is refused with 413 before the app sees it")
    func bodyTooLarge() async throws {
        try await E2EEnvironment.withServer { server, pki in
            var request = try E2ESignedRequest(sample: "launch.json")
            request.body += Array(repeating: UInt8(ascii: " "), count: 128 * 1024 + 1 - request.body.count)

            let response = try await server.post(request.body, headers: try request.signedHeaders(pki: pki))

            #expect(response.status == 413)
            #expect(response.body.contains("body_too_large"))
            #expect(server.receivedValues(AlexaHeaderName.signature256).isEmpty)
            #expect(!server.dispatched(requestID: request.requestID))
            #expect(server.chainServer.requestCount == 0)
        }
    }

    /// A refusal as the certification expects it: 400, the reason in the JSON body and in the
    /// log, and no trace of the skill (no dispatch, no speech).
    private func expectRefused(
        _ response: E2EResponse,
        reason: String,
        request: E2ESignedRequest,
        server: E2ESkillServer,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(response.status == 400, sourceLocation: sourceLocation)
        #expect(response.reason == reason, sourceLocation: sourceLocation)
        #expect(server.refusalReasons == [reason], sourceLocation: sourceLocation)
        #expect(!server.dispatched(requestID: request.requestID), sourceLocation: sourceLocation)
        #expect(!response.body.contains("outputSpeech"), sourceLocation: sourceLocation)
        #expect(!response.body.contains("Welcome"), sourceLocation: sourceLocation)
    }
}

/// What the end-to-end tests need from the machine, and a server per test.
enum E2EEnvironment {
    static var ready: Bool {
        E2ECurlHTTPClient.executable != nil && E2EPKI.available
    }

    /// Runs `body` against a fresh server pair, stopping both afterwards whatever happens.
    static func withServer(_ body: (E2ESkillServer, E2EPKI) async throws -> Void) async throws {
        let pki = try E2EPKI.get()
        guard let curl = E2ECurlHTTPClient.executable else { throw E2EError("the curl command is not installed") }
        let server = try E2ESkillServer(pki: pki, curl: curl)
        do {
            try await body(server, pki)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }
}
