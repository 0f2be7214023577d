import COpenSSL

extension RSAPublicKey {
    /// Reads a DER SubjectPublicKeyInfo holding an RSA key.
    public convenience init(derSPKI der: [UInt8]) throws(CryptoError) {
        guard !der.isEmpty else { throw CryptoError(.invalidKey, "empty DER") }
        let decoded: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor = buffer.baseAddress
            return d2i_PUBKEY(nil, &cursor, buffer.count)
        }
        guard let decoded else { throw CryptoError.openSSL(.invalidKey, "DER public key") }
        try self.init(taking: decoded)
    }

    /// The big-endian modulus without leading zero bytes (the JWK `n` member).
    public var modulus: [UInt8] {
        get throws(CryptoError) { try bigNumberParameter("n") }
    }

    /// The big-endian public exponent without leading zero bytes (the JWK `e` member).
    public var exponent: [UInt8] {
        get throws(CryptoError) { try bigNumberParameter("e") }
    }

    /// The key as DER SubjectPublicKeyInfo.
    public var derRepresentation: [UInt8] {
        get throws(CryptoError) { try PublicKeyDER.encode(pkey) }
    }

    /// The key as a PEM `PUBLIC KEY` block.
    public var pemRepresentation: String {
        get throws(CryptoError) { try encodePEM() }
    }

    private func encodePEM() throws(CryptoError) -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { throw CryptoError.openSSL(.internalFailure, "memory BIO") }
        defer { BIO_free(bio) }
        guard PEM_write_bio_PUBKEY(bio, pkey) == 1 else {
            throw CryptoError.openSSL(.internalFailure, "PEM encoding of the public key")
        }
        return String(decoding: try MemoryBIO.contents(of: bio), as: UTF8.self)
    }

    private func bigNumberParameter(_ name: String) throws(CryptoError) -> [UInt8] {
        var number: OpaquePointer?
        guard EVP_PKEY_get_bn_param(pkey, name, &number) == 1, let number else {
            throw CryptoError.openSSL(.internalFailure, "key parameter \(name)")
        }
        defer { BN_free(number) }
        let length = (BN_num_bits(number) + 7) / 8
        guard length > 0 else { throw CryptoError(.invalidKey, "key parameter \(name) is zero") }
        var bytes = [UInt8](repeating: 0, count: Int(length))
        guard BN_bn2bin(number, &bytes) == length else {
            throw CryptoError.openSSL(.internalFailure, "key parameter \(name) encoding")
        }
        return bytes
    }
}
