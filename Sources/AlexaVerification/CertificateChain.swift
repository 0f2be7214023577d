import SkillCrypto

/// A certificate chain as published at a `SignatureCertChainUrl` (PEM, leaf first), parsed,
/// with the leaf's public key extracted once. Holding one says nothing about its validity:
/// `CertificateChainValidator` checks it on every use.
public struct CertificateChain: Sendable {
    /// Leaf first, then the intermediates Amazon publishes with it.
    public let certificates: [X509Certificate]
    /// The leaf's RSA key, which checks the request signature.
    public let leafKey: RSAPublicKey

    /// The leaf certificate, whose key signs requests.
    public let leaf: X509Certificate

    /// The last successful path validation of these certificates (shared by copies of the chain).
    let verifiedPath = VerifiedPathMemo()

    /// Parses a PEM chain: `cert_fetch_failed` when unreadable, `cert_untrusted` when the leaf
    /// key is not RSA (Alexa signs with RSA only).
    public init(pem: [UInt8]) throws(RequestVerificationError) {
        let certificates: [X509Certificate]
        do {
            certificates = try X509Certificate.chain(pem: pem)
        } catch {
            throw RequestVerificationError(.certFetchFailed, "chain unreadable: \(error.code.rawValue)")
        }
        guard let leaf = certificates.first else { throw RequestVerificationError(.certFetchFailed, "empty chain") }
        do {
            leafKey = try leaf.rsaPublicKey()
        } catch {
            throw RequestVerificationError(.certUntrusted, "leaf key: \(error.code.rawValue)")
        }
        self.certificates = certificates
        self.leaf = leaf
    }
}

/// Where the verifier gets the chain for a validated certificate URL.
public protocol CertificateChainProvider: Sendable {
    /// The chain for `url`, or `cert_fetch_failed` (or another certificate code when the
    /// published chain is unusable).
    func chain(for url: CertificateChainURL) async throws(RequestVerificationError) -> CertificateChain
}

/// One chain given up front, standing in for every download (the `verify-request` command's
/// `--chain-file`). It gets exactly the same checks as a downloaded chain.
public struct FixedCertificateChainProvider: CertificateChainProvider {
    private let result: Result<CertificateChain, RequestVerificationError>

    /// Parses the chain now; a parse failure is reported on every `chain(for:)` call.
    public init(pem: [UInt8]) {
        do {
            result = .success(try CertificateChain(pem: pem))
        } catch {
            result = .failure(error)
        }
    }

    public func chain(for url: CertificateChainURL) async throws(RequestVerificationError) -> CertificateChain {
        try result.get()
    }
}
