import COpenSSL
import Foundation

/// The certificates a chain must lead to (an OpenSSL `X509_STORE`, freed on deinit).
///
/// OpenSSL locks the store internally, so one store may serve verifications on many threads.
public final class TrustStore: @unchecked Sendable {
    let store: OpaquePointer

    /// Whether chains may end at a trusted certificate that is not a self-signed root.
    public let allowsPartialChains: Bool

    private init(allowsPartialChains: Bool) throws(CryptoError) {
        guard let store = X509_STORE_new() else { throw CryptoError.openSSL(.internalFailure, "X509_STORE_new") }
        self.store = store
        self.allowsPartialChains = allowsPartialChains
        if allowsPartialChains {
            X509_STORE_set_flags(store, UInt(X509_V_FLAG_PARTIAL_CHAIN))
        }
    }

    deinit {
        X509_STORE_free(store)
    }

    /// The operating system's trust store, where OpenSSL was configured to look for it
    /// (`SSL_CERT_FILE` and `SSL_CERT_DIR` override the built-in locations).
    public static func systemDefault() throws(CryptoError) -> TrustStore {
        let trustStore = try TrustStore(allowsPartialChains: false)
        guard X509_STORE_set_default_paths(trustStore.store) == 1 else {
            throw CryptoError.openSSL(.internalFailure, "system trust store")
        }
        return trustStore
    }

    /// Exactly the root certificates in a PEM file, replacing the system store
    /// (private deployments and tests). Fails when the file holds no usable certificate.
    public static func caFile(_ path: String) throws(CryptoError) -> TrustStore {
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw CryptoError(.invalidCertificate, "cannot read CA file")
        }
        return try anchors(X509Certificate.chain(pem: Array(contents)))
    }

    /// Exactly these self-signed roots.
    public static func anchors(_ roots: [X509Certificate]) throws(CryptoError) -> TrustStore {
        let trustStore = try TrustStore(allowsPartialChains: false)
        try trustStore.add(roots)
        return trustStore
    }

    /// FOR TESTS ONLY: these certificates are trusted even when they are intermediates
    /// (OpenSSL's partial-chain mode). Real data needs it where a chain's historic root has
    /// left every trust store; production code must use `systemDefault()` or `caFile(_:)`.
    public static func partialChainAnchorsForTesting(_ anchors: [X509Certificate]) throws(CryptoError) -> TrustStore {
        let trustStore = try TrustStore(allowsPartialChains: true)
        try trustStore.add(anchors)
        return trustStore
    }

    private func add(_ certificates: [X509Certificate]) throws(CryptoError) {
        guard !certificates.isEmpty else { throw CryptoError(.invalidCertificate, "no trust anchor given") }
        for certificate in certificates {
            // X509_STORE_add_cert takes its own reference.
            guard X509_STORE_add_cert(store, certificate.x509) == 1 else {
                throw CryptoError.openSSL(.invalidCertificate, "trust anchor")
            }
        }
    }
}
