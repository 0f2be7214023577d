import COpenSSL

/// The message digests used with RSA PKCS#1 v1.5 signatures here.
public enum DigestAlgorithm: Sendable {
    /// SHA-256: RS256 tokens and Alexa's `Signature-256` header.
    case sha256
    /// SHA-1: only Alexa's legacy `Signature` header, and only where explicitly allowed.
    case sha1

    var evpMD: OpaquePointer? {
        switch self {
        case .sha256: EVP_sha256()
        case .sha1: EVP_sha1()
        }
    }
}
