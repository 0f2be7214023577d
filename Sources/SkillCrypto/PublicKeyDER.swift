import COpenSSL

/// DER SubjectPublicKeyInfo (RFC 5280 section 4.1.2.7) encoding of any `EVP_PKEY`.
enum PublicKeyDER {
    static func encode(_ pkey: OpaquePointer) throws(CryptoError) -> [UInt8] {
        let length = i2d_PUBKEY(pkey, nil)
        guard length > 0 else { throw CryptoError.openSSL(.internalFailure, "public key DER length") }
        var der = [UInt8](repeating: 0, count: Int(length))
        let written = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
            var cursor = buffer.baseAddress
            return i2d_PUBKEY(pkey, &cursor)
        }
        guard written == length else { throw CryptoError.openSSL(.internalFailure, "public key DER") }
        return der
    }
}
