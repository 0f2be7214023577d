import AlexaVerification
import Foundation
import SkillCrypto
import SkillSupport
import Synchronization

/// Builders for synthetic Alexa requests and verifiers around them.
enum RequestFixtures {
    static let skillID = "amzn1.ask.skill.00000000-test-4000-8000-000000000001"
    static let certURL = "https://s3.amazonaws.com/echo.api/echo-api-cert-test.pem"

    /// A compact request envelope. `contextSkillID`/`sessionSkillID` nil leave that object out.
    static func envelope(
        type: String = "IntentRequest",
        timestamp: Date = TestPKI.referenceTime,
        sessionSkillID: String? = skillID,
        contextSkillID: String? = skillID
    ) -> [UInt8] {
        let time = Date.ISO8601FormatStyle().format(timestamp)
        var members = [#""version":"1.0""#]
        if let sessionSkillID {
            members.append(
                #""session":{"new":true,"sessionId":"SessionId.test","#
                    + #""application":{"applicationId":"\#(sessionSkillID)"},"#
                    + #""user":{"userId":"amzn1.ask.account.TEST"}}"#
            )
        }
        if let contextSkillID {
            members.append(
                #""context":{"System":{"application":{"applicationId":"\#(contextSkillID)"},"#
                    + #""user":{"userId":"amzn1.ask.account.TEST"}}}"#
            )
        }
        members.append(
            #""request":{"type":"\#(type)","requestId":"EdwRequestId.test","timestamp":"\#(time)","locale":"en-US"}"#
        )
        return Array("{\(members.joined(separator: ","))}".utf8)
    }

    static func headers(
        certURL: String? = certURL,
        signature256: String? = nil,
        signature: String? = nil
    ) -> RequestHeaderList {
        var fields: [(name: String, value: String)] = []
        if let certURL { fields.append((AlexaHeaderName.certificateChainURL, certURL)) }
        if let signature256 { fields.append((AlexaHeaderName.signature256, signature256)) }
        if let signature { fields.append((AlexaHeaderName.legacySignature, signature)) }
        return RequestHeaderList(fields)
    }

    /// A verifier of the test PKI, its chain given directly, at `now`.
    static func verifier(
        pki: TestPKI,
        chainPEM: [UInt8]? = nil,
        now: Date = TestPKI.referenceTime,
        policy: RequestVerificationPolicy = RequestVerificationPolicy(allowedSkillIDs: [skillID]),
        sink: InMemoryLogSink = InMemoryLogSink()
    ) throws -> AlexaRequestVerifier {
        let trustStore = try TrustStore.anchors(X509Certificate.chain(pem: pki.rootPEM))
        return AlexaRequestVerifier(
            policy: policy,
            chainProvider: FixedCertificateChainProvider(pem: chainPEM ?? pki.chainPEM),
            trustStore: trustStore,
            clock: ManualWallClock(now),
            logger: Logger(label: "test", minimumLevel: .trace, sink: sink)
        )
    }

    /// The reason a verification failed with, or nil when it succeeded.
    static func rejection(
        _ verifier: AlexaRequestVerifier,
        body: [UInt8],
        headers: some AlexaRequestHeaders
    ) async -> RequestVerificationError.Code? {
        do {
            _ = try await verifier.verify(body: body, headers: headers)
            return nil
        } catch {
            return error.code
        }
    }

    /// The chain with one byte of the leaf's signature (the end of its DER) flipped.
    static func flippingLeafSignatureByte(_ chainPEM: [UInt8]) throws -> [UInt8] {
        let certificates = try X509Certificate.chain(pem: chainPEM)
        guard let leaf = certificates.first else { throw VectorError(message: "empty chain") }
        var der = leaf.derBytes
        guard let last = der.indices.last else { throw VectorError(message: "empty DER") }
        der[last] ^= 0x01
        var text = PEMText.certificate(der)
        for certificate in certificates.dropFirst() {
            text += PEMText.certificate(certificate.derBytes)
        }
        return Array(text.utf8)
    }
}

/// A chain provider that counts how often it is asked, to prove that checks before it ran first.
final class CountingChainProvider: CertificateChainProvider {
    private let calls = Atomic<Int>(0)
    private let inner: FixedCertificateChainProvider

    init(pem: [UInt8]) {
        inner = FixedCertificateChainProvider(pem: pem)
    }

    var callCount: Int { calls.load(ordering: .relaxed) }

    func chain(for url: CertificateChainURL) async throws(RequestVerificationError) -> CertificateChain {
        calls.add(1, ordering: .relaxed)
        return try await inner.chain(for: url)
    }
}
