import Foundation
import SkillCrypto

/// The certificate checks made on every use of a chain, cached or fresh: the leaf's dates,
/// the leaf's subject alternative name, and the path to a trusted root. The path is built by
/// OpenSSL on first use and again whenever the time leaves the window in which every
/// certificate of the built path is valid; inside it, the same path is proven to verify.
public struct CertificateChainValidator: Sendable {
    /// The one DNS name Alexa's signing certificate must carry (exactly; never the CN).
    public static let requiredDNSName = "echo-api.amazon.com"

    public let trustStore: TrustStore

    public init(trustStore: TrustStore) {
        self.trustStore = trustStore
    }

    /// Throws `cert_expired`, `cert_name_mismatch` or `cert_untrusted`, checked in that order.
    public func validate(_ chain: CertificateChain, at time: Date) throws(RequestVerificationError) {
        guard chain.leaf.isValid(at: time) else {
            throw RequestVerificationError(.certExpired, "leaf outside notBefore/notAfter")
        }
        guard chain.leaf.hasSubjectAlternativeDNSName(Self.requiredDNSName) else {
            throw RequestVerificationError(.certNameMismatch, "leaf SAN lacks \(Self.requiredDNSName)")
        }
        if chain.verifiedPath.covers(time, trustStore: trustStore) { return }
        do {
            let path = try CertificateChainVerifier.verify(chain.certificates, trustStore: trustStore, at: time)
            chain.verifiedPath.remember(path, trustStore: trustStore)
        } catch {
            switch error.code {
            case .expired, .notYetValid: throw RequestVerificationError(.certExpired, error.detail)
            case .untrusted: throw RequestVerificationError(.certUntrusted, error.detail)
            }
        }
    }
}
