import AlexaVerification
import Foundation
import SkillCrypto
import SkillSupport
import Testing

/// The five Amazon-signed requests of `alexa/signed`, each with its published chain.
@Suite("Amazon-signed requests", .enabled(if: Vectors.available, Comment(rawValue: Vectors.skipMessage)))
struct RealAlexaRequestTests {
    struct SignedRequest: Sendable, CustomTestStringConvertible {
        var id: String
        var body: [UInt8]
        var signature: String
        var certURL: String
        var chainPEM: [UInt8]
        var timestamp: Date
        var testDescription: String { id }

        /// cert-4's historic root has left every trust store: SOURCES.md pins the VeriSign G5
        /// certificate (3rd of echo-api-2015-expired.chain.pem) as a partial-chain anchor.
        /// cert-7 chains to a root of the stock system store.
        func trustStore() throws -> TrustStore {
            guard certURL.hasSuffix("echo-api-cert-4.pem") else { return try TrustStore.systemDefault() }
            let historic = try X509Certificate.chain(pem: Vectors.bytes("alexa/certs/echo-api-2015-expired.chain.pem"))
            guard historic.count == 3 else { throw VectorError(message: "G5 certificate missing") }
            return try TrustStore.partialChainAnchorsForTesting([historic[2]])
        }
    }

    static let requests: [SignedRequest] = {
        guard Vectors.available,
            let manifest = try? Vectors.json("alexa/signed/manifest.json") as? [String: Any],
            let entries = manifest["requests"] as? [[String: Any]]
        else { return [] }
        return entries.compactMap { entry in
            guard let id = entry["id"] as? String,
                let bodyFile = entry["body_file"] as? String,
                let chainFile = entry["cert_chain_file"] as? String,
                let headers = entry["headers"] as? [String: String],
                let certURL = headers["SignatureCertChainUrl"],
                let stamp = entry["request_timestamp"] as? String,
                let timestamp = try? Date.ISO8601FormatStyle().parse(stamp),
                let body = try? Vectors.bytes("alexa/signed/\(bodyFile)"),
                let signature = try? Vectors.bytes("alexa/signed/\(id).signature.b64"),
                let chain = try? Vectors.bytes("alexa/signed/\(chainFile)")
            else { return nil }
            return SignedRequest(
                id: id,
                body: body,
                signature: String(decoding: signature, as: UTF8.self),
                certURL: certURL,
                chainPEM: chain,
                timestamp: timestamp
            )
        }
    }()

    private func verifier(
        _ request: SignedRequest,
        chainPEM: [UInt8]? = nil,
        now: Date? = nil,
        allowSHA1: Bool = true
    ) throws -> AlexaRequestVerifier {
        AlexaRequestVerifier(
            policy: RequestVerificationPolicy(allowedSkillIDs: nil, allowSHA1Signature: allowSHA1),
            chainProvider: FixedCertificateChainProvider(pem: chainPEM ?? request.chainPEM),
            trustStore: try request.trustStore(),
            clock: ManualWallClock(now ?? request.timestamp)
        )
    }

    @Test func allFiveRequestsAreLoaded() {
        #expect(Self.requests.count == 5)
    }

    @Test(arguments: requests)
    func verifiesAtItsOwnTimestamp(_ request: SignedRequest) async throws {
        let headers = RequestFixtures.headers(certURL: request.certURL, signature: request.signature)
        let verified = try await verifier(request).verify(body: request.body, headers: headers)
        #expect(verified.timestamp == request.timestamp)
    }

    @Test(arguments: requests)
    func oneChangedBodyByteFails(_ request: SignedRequest) async throws {
        var body = request.body
        body[body.count / 2] ^= 0x20
        let headers = RequestFixtures.headers(certURL: request.certURL, signature: request.signature)
        #expect(
            await RequestFixtures.rejection(try verifier(request), body: body, headers: headers) == .signatureInvalid
        )
    }

    @Test(arguments: requests)
    func oneChangedSignatureByteFails(_ request: SignedRequest) async throws {
        var signature = try #require(Data(base64Encoded: request.signature))
        signature[signature.count - 1] ^= 0x01
        let headers = RequestFixtures.headers(certURL: request.certURL, signature: signature.base64EncodedString())
        let code = await RequestFixtures.rejection(try verifier(request), body: request.body, headers: headers)
        #expect(code == .signatureInvalid)
    }

    @Test(arguments: requests)
    func oneChangedCertificateByteFails(_ request: SignedRequest) async throws {
        let chain = try RequestFixtures.flippingLeafSignatureByte(request.chainPEM)
        let headers = RequestFixtures.headers(certURL: request.certURL, signature: request.signature)
        let code = await RequestFixtures.rejection(
            try verifier(request, chainPEM: chain),
            body: request.body,
            headers: headers
        )
        #expect(code == .certUntrusted)
    }

    @Test(arguments: requests)
    func sameSignatureAsSignature256Fails(_ request: SignedRequest) async throws {
        let headers = RequestFixtures.headers(certURL: request.certURL, signature256: request.signature)
        let code = await RequestFixtures.rejection(try verifier(request), body: request.body, headers: headers)
        #expect(code == .signatureInvalid)
    }

    @Test(arguments: requests)
    func sha1IsRefusedUnlessAllowed(_ request: SignedRequest) async throws {
        let headers = RequestFixtures.headers(certURL: request.certURL, signature: request.signature)
        let code = await RequestFixtures.rejection(
            try verifier(request, allowSHA1: false),
            body: request.body,
            headers: headers
        )
        #expect(code == .signatureMissing)
    }

    @Test(arguments: requests)
    func tooLateByOneSecondBeyondToleranceFails(_ request: SignedRequest) async throws {
        let headers = RequestFixtures.headers(certURL: request.certURL, signature: request.signature)
        let late = request.timestamp.addingTimeInterval(151)
        let code = await RequestFixtures.rejection(
            try verifier(request, now: late),
            body: request.body,
            headers: headers
        )
        #expect(code == .timestampOutOfRange)
    }

    @Test(arguments: requests)
    func realClockFindsTheCertificateExpired(_ request: SignedRequest) async throws {
        let headers = RequestFixtures.headers(certURL: request.certURL, signature: request.signature)
        let code = await RequestFixtures.rejection(
            try verifier(request, now: Date()),
            body: request.body,
            headers: headers
        )
        #expect(code == .certExpired)
    }

    @Test func skillIDOfTheRequestIsAccepted() async throws {
        let request = try #require(Self.requests.first { $0.id == "amzn-sha1-2017-02-10-helloworld" })
        let headers = RequestFixtures.headers(certURL: request.certURL, signature: request.signature)
        let verifier = AlexaRequestVerifier(
            policy: RequestVerificationPolicy(
                allowedSkillIDs: ["amzn1.ask.skill.75c997b8-610f-4eb4-bf2e-95810e15fba2"],
                allowSHA1Signature: true
            ),
            chainProvider: FixedCertificateChainProvider(pem: request.chainPEM),
            trustStore: try request.trustStore(),
            clock: ManualWallClock(request.timestamp)
        )
        let verified = try await verifier.verify(body: request.body, headers: headers)
        #expect(verified.applicationID == "amzn1.ask.skill.75c997b8-610f-4eb4-bf2e-95810e15fba2")
    }

    @Test func cert4ChainIsUntrustedByTheSystemStore() async throws {
        let request = try #require(Self.requests.first { $0.certURL.hasSuffix("echo-api-cert-4.pem") })
        let headers = RequestFixtures.headers(certURL: request.certURL, signature: request.signature)
        let verifier = AlexaRequestVerifier(
            policy: RequestVerificationPolicy(allowedSkillIDs: nil, allowSHA1Signature: true),
            chainProvider: FixedCertificateChainProvider(pem: request.chainPEM),
            trustStore: try TrustStore.systemDefault(),
            clock: ManualWallClock(request.timestamp)
        )
        #expect(await RequestFixtures.rejection(verifier, body: request.body, headers: headers) == .certUntrusted)
    }
}
