import Foundation
import SkillCrypto
import Testing

@Suite(
    "X.509 certificates and chains",
    .enabled(if: X509VectorFiles.available, "shared test vectors (../shared/vectors) are absent")
)
struct X509CertificateTests {
    private func chain(_ path: String) throws -> [X509Certificate] {
        try X509Certificate.chain(pem: X509VectorFiles.bytes(path))
    }

    /// The code a verification failed with, or nil when the chain verified.
    private func failure(_ chain: [X509Certificate], _ store: TrustStore, _ time: Date) -> ChainVerificationError.Code?
    {
        do {
            try CertificateChainVerifier.verify(chain, trustStore: store, at: time)
            return nil
        } catch {
            return error.code
        }
    }

    @Test func parsesAChainLeafFirst() throws {
        let certificates = try chain("alexa/signed/echo-api-cert-7.chain.pem")
        #expect(certificates.count == 4)
        let leaf = try #require(certificates.first)
        #expect(leaf.subjectDescription.contains("CN=echo-api.amazon.com"))
        #expect(leaf.notBefore == (try X509VectorFiles.date("2019-05-22T00:00:00Z")))
        #expect(leaf.notAfter == (try X509VectorFiles.date("2020-05-15T12:00:00Z")))
        #expect(leaf.subjectAlternativeDNSNames == ["echo-api.amazon.com"])
        #expect(try leaf.rsaPublicKey().bits == 2048)
    }

    @Test func validityBoundsAreInclusive() throws {
        let leaf = try #require(try chain("alexa/signed/echo-api-cert-4.chain.pem").first)
        let notBefore = try #require(leaf.notBefore)
        let notAfter = try #require(leaf.notAfter)
        #expect(notBefore == (try X509VectorFiles.date("2016-10-07T00:00:00Z")))
        #expect(notAfter == (try X509VectorFiles.date("2017-10-30T23:59:59Z")))
        #expect(leaf.isValid(at: notBefore))
        #expect(leaf.isValid(at: notAfter))
        #expect(!leaf.isValid(at: notBefore.addingTimeInterval(-1)))
        #expect(!leaf.isValid(at: notAfter.addingTimeInterval(1)))
    }

    @Test func subjectAlternativeNameMatchIsExact() throws {
        let leaf = try #require(try chain("alexa/signed/echo-api-cert-7.chain.pem").first)
        #expect(leaf.hasSubjectAlternativeDNSName("echo-api.amazon.com"))
        #expect(leaf.hasSubjectAlternativeDNSName("ECHO-API.amazon.com"))
        #expect(!leaf.hasSubjectAlternativeDNSName("api.amazon.com"))
        #expect(!leaf.hasSubjectAlternativeDNSName("echo-api.amazon.com.evil.example"))
        #expect(!leaf.hasSubjectAlternativeDNSName("echo-api.amazon.co"))
        #expect(!leaf.hasSubjectAlternativeDNSName(""))
    }

    @Test func certificateWithoutSANHasNoDNSNames() throws {
        // The intermediate "Amazon Server CA 1B" carries no subject alternative names.
        let intermediate = try chain("alexa/signed/echo-api-cert-7.chain.pem")[1]
        #expect(intermediate.subjectAlternativeDNSNames.isEmpty)
        #expect(!intermediate.hasSubjectAlternativeDNSName("echo-api.amazon.com"))
    }

    @Test func derRoundTrip() throws {
        let leaf = try #require(try chain("alexa/signed/echo-api-cert-7.chain.pem").first)
        let again = try X509Certificate(der: leaf.derBytes)
        #expect(again.derBytes == leaf.derBytes)
        #expect(throws: CryptoError.self) { try X509Certificate(der: leaf.derBytes + [0]) }
        #expect(throws: CryptoError.self) { try X509Certificate(der: Array(leaf.derBytes.dropLast())) }
        #expect(throws: CryptoError.self) { try X509Certificate(der: []) }
    }

    @Test(arguments: [
        "",
        "no certificate here",
        "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n",
        "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
    ])
    func unreadablePEMIsRefused(_ text: String) {
        #expect(throws: CryptoError.self) { try X509Certificate.chain(pem: Array(text.utf8)) }
    }

    @Test func brokenSecondBlockRefusesTheChain() throws {
        let good = try X509VectorFiles.bytes("alexa/signed/echo-api-cert-7.chain.pem")
        let broken = good + Array("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n".utf8)
        #expect(throws: CryptoError.self) { try X509Certificate.chain(pem: broken) }
    }

    @Test func cert7ChainVerifiesWithTheSystemStoreAtItsTime() throws {
        let certificates = try chain("alexa/signed/echo-api-cert-7.chain.pem")
        let store = try TrustStore.systemDefault()
        #expect(!store.allowsPartialChains)
        #expect(failure(certificates, store, try X509VectorFiles.date("2019-07-15T22:44:23Z")) == nil)
        #expect(failure(certificates, store, Date()) == .expired)
        #expect(failure(certificates, store, try X509VectorFiles.date("2019-01-01T00:00:00Z")) == .notYetValid)
    }

    @Test func leafAloneDoesNotVerify() throws {
        let certificates = try chain("alexa/signed/echo-api-cert-7.chain.pem")
        let when = try X509VectorFiles.date("2019-07-15T22:44:23Z")
        #expect(failure(Array(certificates.prefix(1)), try .systemDefault(), when) == .untrusted)
    }

    @Test func cert4NeedsItsPinnedHistoricRoot() throws {
        let certificates = try chain("alexa/signed/echo-api-cert-4.chain.pem")
        let when = try X509VectorFiles.date("2017-02-10T07:27:59Z")
        #expect(failure(certificates, try .systemDefault(), when) == .untrusted)

        let g5 = try chain("alexa/certs/echo-api-2015-expired.chain.pem")[2]
        let pinned = try TrustStore.partialChainAnchorsForTesting([g5])
        #expect(pinned.allowsPartialChains)
        #expect(failure(certificates, pinned, when) == nil)
        #expect(failure(certificates, pinned, Date()) == .expired)

        // Without partial-chain mode the same anchor is not enough: it is not a self-signed root.
        #expect(failure(certificates, try .anchors([g5]), when) == .untrusted)
    }

    @Test func caFileReplacesTheSystemStore() throws {
        // A CA file holding an unrelated certificate must not trust Amazon's chain.
        let unrelated = X509VectorFiles.root.appendingPathComponent("alexa/certs/echo-api-2015-expired.chain.pem").path
        let store = try TrustStore.caFile(unrelated)
        let certificates = try chain("alexa/signed/echo-api-cert-7.chain.pem")
        #expect(throws: ChainVerificationError.self) {
            try CertificateChainVerifier.verify(
                certificates,
                trustStore: store,
                at: X509VectorFiles.date("2019-07-15T22:44:23Z")
            )
        }
        #expect(throws: CryptoError.self) { try TrustStore.caFile("/nonexistent/ca.pem") }
    }

    @Test func emptyChainIsUntrusted() throws {
        #expect(throws: ChainVerificationError(.untrusted, "empty chain")) {
            try CertificateChainVerifier.verify([], trustStore: .systemDefault(), at: Date())
        }
    }
}
