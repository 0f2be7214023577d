import COpenSSL
import Foundation

/// Why a certificate chain did not verify.
public struct ChainVerificationError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// A certificate of the chain has expired at the verification time.
        case expired
        /// A certificate of the chain is not yet valid at the verification time.
        case notYetValid = "not_yet_valid"
        /// No path to a trust anchor, a bad signature, or any other X.509 verification failure.
        case untrusted
    }

    public var code: Code
    /// OpenSSL's verification error text and the depth where it happened; no certificate data.
    public var detail: String

    public init(_ code: Code, _ detail: String = "") {
        self.code = code
        self.detail = detail
    }

    public var description: String { detail.isEmpty ? code.rawValue : "\(code.rawValue): \(detail)" }
}

/// The path OpenSSL built for a verified chain, summarised by when all of it is valid.
public struct VerifiedCertificatePath: Sendable, Equatable {
    /// The latest notBefore of the certificates on the path, anchor included.
    public var validFrom: Date
    /// The earliest notAfter of the certificates on the path, anchor included.
    public var validUntil: Date

    /// Whether every certificate of the path is within its validity at `date`. Signatures,
    /// names and constraints do not depend on time, so the same path verifies at any such date.
    public func covers(_ date: Date) -> Bool {
        validFrom <= date && date <= validUntil
    }
}

/// Verifies a chain (leaf first, then intermediates in any order) to a `TrustStore` with
/// OpenSSL's X.509 path validation (RFC 5280 section 6) at a given time.
public enum CertificateChainVerifier {
    /// Throws unless the leaf chains to an anchor of `trustStore` at `time`. Certificates after
    /// the leaf are only candidates for path building, never trusted themselves. Returns the
    /// validity window of the path that was built.
    @discardableResult
    public static func verify(
        _ chain: [X509Certificate],
        trustStore: TrustStore,
        at time: Date
    ) throws(ChainVerificationError) -> VerifiedCertificatePath {
        guard let leaf = chain.first else { throw ChainVerificationError(.untrusted, "empty chain") }
        guard let context = X509_STORE_CTX_new() else {
            throw ChainVerificationError(.untrusted, "X509_STORE_CTX_new failed")
        }
        defer { X509_STORE_CTX_free(context) }
        guard let untrusted = OPENSSL_sk_new_null() else {
            throw ChainVerificationError(.untrusted, "certificate stack allocation failed")
        }
        // The stack borrows the certificates; the chain array keeps them alive until the end.
        defer { OPENSSL_sk_free(untrusted) }
        for certificate in chain.dropFirst() {
            guard OPENSSL_sk_push(untrusted, UnsafeRawPointer(certificate.x509)) > 0 else {
                throw ChainVerificationError(.untrusted, "certificate stack push failed")
            }
        }

        guard X509_STORE_CTX_init(context, trustStore.store, leaf.x509, untrusted) == 1,
            let parameters = X509_STORE_CTX_get0_param(context)
        else {
            drainOpenSSLErrors()
            throw ChainVerificationError(.untrusted, "verification context setup failed")
        }
        // The injected time replaces the real clock for every validity check on the path.
        X509_VERIFY_PARAM_set_time(parameters, time_t(time.timeIntervalSince1970.rounded(.down)))

        let verified = withExtendedLifetime(chain) { X509_verify_cert(context) }
        drainOpenSSLErrors()
        if verified == 1 {
            guard let path = withExtendedLifetime(chain, { validityWindow(of: X509_STORE_CTX_get0_chain(context)) })
            else { throw ChainVerificationError(.untrusted, "verified path has unreadable dates") }
            return path
        }

        let error = X509_STORE_CTX_get_error(context)
        let depth = X509_STORE_CTX_get_error_depth(context)
        let text = X509_verify_cert_error_string(Int(error)).map { String(cString: $0) } ?? "error \(error)"
        let detail = "\(text) at depth \(depth)"
        switch error {
        case X509_V_ERR_CERT_HAS_EXPIRED: throw ChainVerificationError(.expired, detail)
        case X509_V_ERR_CERT_NOT_YET_VALID: throw ChainVerificationError(.notYetValid, detail)
        default: throw ChainVerificationError(.untrusted, detail)
        }
    }

    /// The intersection of the validity periods of every certificate in `stack`.
    private static func validityWindow(of stack: OpaquePointer?) -> VerifiedCertificatePath? {
        guard let stack else { return nil }
        let count = OPENSSL_sk_num(stack)
        guard count > 0 else { return nil }
        var window = VerifiedCertificatePath(validFrom: .distantPast, validUntil: .distantFuture)
        for index in 0..<count {
            guard let raw = OPENSSL_sk_value(stack, index) else { return nil }
            let certificate = OpaquePointer(raw)
            guard let notBefore = X509Certificate.date(X509_get0_notBefore(certificate)),
                let notAfter = X509Certificate.date(X509_get0_notAfter(certificate))
            else { return nil }
            window.validFrom = max(window.validFrom, notBefore)
            window.validUntil = min(window.validUntil, notAfter)
        }
        return window
    }
}
