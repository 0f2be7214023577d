import AlexaVerification
import Foundation
import SkillCrypto
import SkillSupport

/// Cost of verifying one Alexa request with its certificate chain already cached, next to one
/// raw RSA-2048 PKCS#1 v1.5 verification and one X.509 path validation, all in the same run.
///
/// Data: the real 2019 Amazon-signed request (SHA-1 `Signature`, chain echo-api-cert-7, which
/// chains to a root of the system trust store), verified at its own timestamp.
func runRequestVerificationBenchmark() async {
    let vectors = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/vectors/alexa/signed").standardized
    let id = "amzn-sha1-2019-07-15-launch-apiaccesstoken"
    guard let body = FileManager.default.contents(atPath: vectors.appendingPathComponent("\(id).body.json").path),
        let signatureFile = FileManager.default.contents(
            atPath: vectors.appendingPathComponent("\(id).signature.b64").path
        ),
        let chainPEM = FileManager.default.contents(
            atPath: vectors.appendingPathComponent("echo-api-cert-7.chain.pem").path
        ),
        let signature = Data(base64Encoded: signatureFile)
    else {
        print("request verification: skipped, test vectors not found at \(vectors.path)")
        return
    }

    let requestTime = Date(timeIntervalSince1970: 1_563_230_663)  // 2019-07-15T22:44:23Z
    let cache = CertificateChainCache(httpClient: InMemoryChainServer(chain: Array(chainPEM)))
    let trustStore: TrustStore
    let leafKey: RSAPublicKey
    let chain: [X509Certificate]
    do {
        trustStore = try TrustStore.systemDefault()
        chain = try X509Certificate.chain(pem: Array(chainPEM))
        guard let leaf = chain.first else { throw CryptoError(.invalidCertificate, "empty chain") }
        leafKey = try leaf.rsaPublicKey()
    } catch {
        print("request verification: skipped, \(error)")
        return
    }
    let verifier = AlexaRequestVerifier(
        policy: RequestVerificationPolicy(allowedSkillIDs: nil, allowSHA1Signature: true),
        chainProvider: cache,
        trustStore: trustStore,
        clock: ManualWallClock(requestTime)
    )
    let headers = RequestHeaderList([
        (AlexaHeaderName.certificateChainURL, "https://s3.amazonaws.com/echo.api/echo-api-cert-7.pem"),
        (AlexaHeaderName.legacySignature, String(decoding: signatureFile, as: UTF8.self)),
    ])
    let bodyBytes = Array(body)
    let signatureBytes = Array(signature)

    // Warm-up: fills the cache and proves the request verifies before anything is timed.
    do {
        _ = try await verifier.verify(body: bodyBytes, headers: headers)
    } catch {
        print("request verification: skipped, the benchmark request does not verify (\(error))")
        return
    }

    let requestRounds = 2_000
    var accepted = 0
    let requestTime1 = await measure(rounds: requestRounds) {
        if (try? await verifier.verify(body: bodyBytes, headers: headers)) != nil { accepted += 1 }
    }

    let chainRounds = 2_000
    var chainsOK = 0
    let chainTime = await measure(rounds: chainRounds) {
        if (try? CertificateChainVerifier.verify(chain, trustStore: trustStore, at: requestTime)) != nil {
            chainsOK += 1
        }
    }

    let rsaRounds = 20_000
    var signaturesOK = 0
    let rsaTime = await measure(rounds: rsaRounds) {
        if leafKey.isValidSignature(signatureBytes, for: bodyBytes, digest: .sha1) { signaturesOK += 1 }
    }

    print("request verification (\(bodyBytes.count)-byte body, chain cached, RSA-\(leafKey.bits), SHA-1):")
    report("verify one request", requestTime1, rounds: requestRounds, ok: accepted)
    report("  X.509 path building (first use of a chain)", chainTime, rounds: chainRounds, ok: chainsOK)
    report("raw OpenSSL RSA-2048 verification", rsaTime, rounds: rsaRounds, ok: signaturesOK)
    let ratio = (requestTime1 / Double(requestRounds)) / (rsaTime / Double(rsaRounds))
    print("  one request costs \(String(format: "%.1f", ratio)) raw RSA verifications")
}

/// Seconds taken by `rounds` runs of `body`.
private func measure(rounds: Int, _ body: () async -> Void) async -> Double {
    let clock = ContinuousClock()
    let elapsed = await clock.measure {
        for _ in 0..<rounds { await body() }
    }
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

private func report(_ label: String, _ seconds: Double, rounds: Int, ok: Int) {
    let micros = seconds / Double(rounds) * 1e6
    let perSecond = Double(rounds) / seconds
    let padded = label.padding(toLength: 44, withPad: " ", startingAt: 0)
    let figures = "\(String(format: "%9.1f", micros)) µs/op  \(String(format: "%9.0f", perSecond)) op/s"
    print("  \(padded) \(figures)  (\(ok)/\(rounds) ok)")
}

/// Serves the chain from memory, standing in for S3 (the benchmark never times a download).
private struct InMemoryChainServer: HTTPClient {
    let chain: [UInt8]

    func send(_ request: OutboundRequest) async throws(HTTPClientError) -> OutboundResponse {
        OutboundResponse(status: 200, body: Data(chain))
    }
}

/// The request-verification figures as a suite of the benchmark runner.
struct RequestVerificationBenchmark: BenchmarkSuite {
    let name = "Alexa request verification"

    func run() async throws {
        await runRequestVerificationBenchmark()
    }
}
