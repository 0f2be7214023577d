import COpenSSL

extension DigestAlgorithm {
    /// The digest of `bytes` (for JWK thumbprints, RFC 7638, and similar fingerprints).
    public func hash(_ bytes: [UInt8]) throws(CryptoError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_Digest(bytes, bytes.count, &output, &length, evpMD, nil) == 1 else {
            throw CryptoError.openSSL(.internalFailure, "digest")
        }
        return Array(output.prefix(Int(length)))
    }

    /// HMAC (RFC 2104) of `message` under `key` with this digest.
    public func hmac(key: [UInt8], message: [UInt8]) throws(CryptoError) -> [UInt8] {
        let name = self == .sha256 ? "SHA256" : "SHA1"
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length = 0
        // EVP_Q_mac rejects a null key pointer, so an empty key is passed as a one-byte buffer of length 0.
        let keyBytes = key.isEmpty ? [UInt8(0)] : key
        guard
            EVP_Q_mac(
                nil,
                "HMAC",
                nil,
                name,
                nil,
                keyBytes,
                key.count,
                message,
                message.count,
                &output,
                output.count,
                &length
            ) != nil
        else { throw CryptoError.openSSL(.internalFailure, "HMAC") }
        return Array(output.prefix(length))
    }
}
