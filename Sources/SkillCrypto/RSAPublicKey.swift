import COpenSSL
import Foundation

/// An RSA public key owned by this object (an OpenSSL `EVP_PKEY`, freed on deinit).
///
/// OpenSSL key objects may be shared between threads for verification once built.
public final class RSAPublicKey: @unchecked Sendable {
    let pkey: OpaquePointer

    /// Takes ownership of `pkey`, which must be an RSA key.
    init(taking pkey: OpaquePointer) throws(CryptoError) {
        guard EVP_PKEY_get_base_id(pkey) == EVP_PKEY_RSA else {
            EVP_PKEY_free(pkey)
            throw CryptoError(.unsupportedKey, "not an RSA key")
        }
        self.pkey = pkey
    }

    deinit {
        EVP_PKEY_free(pkey)
    }

    /// Builds a key from its big-endian modulus and public exponent (JWK `n` and `e`).
    public convenience init(modulus: [UInt8], exponent: [UInt8]) throws(CryptoError) {
        guard !modulus.isEmpty, !exponent.isEmpty else { throw CryptoError(.invalidKey, "empty modulus or exponent") }
        let key = try PKeyBuilder.build([("n", modulus), ("e", exponent)], selection: skill_EVP_PKEY_PUBLIC_KEY)
        try self.init(taking: key)
    }

    /// Reads a PEM `PUBLIC KEY` (SubjectPublicKeyInfo) block.
    public convenience init(pem: String) throws(CryptoError) {
        let bytes = Array(pem.utf8)
        guard let bio = BIO_new_mem_buf(bytes, Int32(bytes.count)) else {
            throw CryptoError.openSSL(.internalFailure, "memory BIO")
        }
        defer { BIO_free(bio) }
        guard let key = PEM_read_bio_PUBKEY(bio, nil, nil, nil) else {
            throw CryptoError.openSSL(.invalidKey, "PEM public key")
        }
        try self.init(taking: key)
    }

    /// The modulus size in bits.
    public var bits: Int {
        Int(EVP_PKEY_get_bits(pkey))
    }

    /// Checks an RSASSA-PKCS1-v1_5 signature over `message` with `digest`.
    ///
    /// Returns false for any signature that does not verify, including one of the wrong length;
    /// OpenSSL's error queue is cleared either way.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8], digest: DigestAlgorithm) -> Bool {
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        var keyContext: OpaquePointer?
        guard EVP_DigestVerifyInit(context, &keyContext, digest.evpMD, nil, pkey) == 1, let keyContext,
            EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PADDING) == 1
        else {
            drainOpenSSLErrors()
            return false
        }
        let result = EVP_DigestVerify(context, signature, signature.count, message, message.count)
        if result != 1 { drainOpenSSLErrors() }
        return result == 1
    }
}
