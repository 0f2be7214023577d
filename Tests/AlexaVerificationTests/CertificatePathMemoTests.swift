import AlexaVerification
import Foundation
import SkillCrypto
import Testing

/// The chain validator builds the certificate path once and reuses the verdict only while every
/// certificate of that path is valid; these tests make sure the reuse never hides an expiry.
@Suite(
    "Certificate path validation is reused only within the path's validity",
    .enabled(if: TestPKI.findOpenSSL() != nil, "the openssl command is not installed: skipped")
)
struct CertificatePathMemoTests {
    static func date(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text))
    }

    @Test("The verified path's window is the intersection of leaf, intermediate and root validity")
    func windowIsTheIntersection() throws {
        let pki = try TestPKI.get()
        let trustStore = try TrustStore.anchors(X509Certificate.chain(pem: pki.rootPEM))
        let chain = try X509Certificate.chain(pem: pki.leafUnderShortIntermediatePEM + pki.shortIntermediatePEM)

        let path = try CertificateChainVerifier.verify(chain, trustStore: trustStore, at: TestPKI.referenceTime)
        #expect(path.validFrom == (try Self.date("2026-01-01T00:00:00Z")))
        #expect(path.validUntil == (try Self.date("2026-07-01T00:00:00Z")))
    }

    @Test("A chain accepted once is refused when its intermediate expires, though the leaf is still valid")
    func intermediateExpiryIsNotHidden() throws {
        let pki = try TestPKI.get()
        let validator = CertificateChainValidator(
            trustStore: try TrustStore.anchors(X509Certificate.chain(pem: pki.rootPEM))
        )
        let chain = try CertificateChain(pem: pki.leafUnderShortIntermediatePEM + pki.shortIntermediatePEM)

        try validator.validate(chain, at: TestPKI.referenceTime)
        try validator.validate(chain, at: try Self.date("2026-06-30T23:00:00Z"))
        let afterIntermediate = try Self.date("2026-08-01T00:00:00Z")
        do {
            try validator.validate(chain, at: afterIntermediate)
            Issue.record("an expired intermediate was accepted from the remembered verdict")
        } catch {
            #expect(error.code == .certExpired)
        }
    }

    @Test("A verdict from one trust store is not reused for another")
    func otherTrustStoreVerifiesAgain() throws {
        let pki = try TestPKI.get()
        let chain = try CertificateChain(pem: pki.chainPEM)
        let trusting = CertificateChainValidator(
            trustStore: try TrustStore.anchors(X509Certificate.chain(pem: pki.rootPEM))
        )
        try trusting.validate(chain, at: TestPKI.referenceTime)

        let strangers = CertificateChainValidator(
            trustStore: try TrustStore.anchors(X509Certificate.chain(pem: pki.selfSignedLeafPEM))
        )
        do {
            try strangers.validate(chain, at: TestPKI.referenceTime)
            Issue.record("a chain verified against another trust store was accepted")
        } catch {
            #expect(error.code == .certUntrusted)
        }
    }
}
