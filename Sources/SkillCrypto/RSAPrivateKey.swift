import COpenSSL

/// An RSA private key owned by this object (an OpenSSL `EVP_PKEY`, freed on deinit).
///
/// Used by the development issuer and by tests to sign RS256 tokens. OpenSSL key objects may
/// be shared between threads once built; each signature uses its own digest context.
public final class RSAPrivateKey: @unchecked Sendable {
    let pkey: OpaquePointer

    /// Takes ownership of `pkey`, which must be an RSA key pair.
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

    /// Generates a fresh key pair of `bits` bits (2048 to 8192) with public exponent 65537.
    public static func generate(bits: Int = 2048) throws(CryptoError) -> RSAPrivateKey {
        guard (2048...8192).contains(bits) else {
            throw CryptoError(.unsupportedKey, "RSA key size \(bits) outside 2048...8192")
        }
        guard let context = EVP_PKEY_CTX_new_from_name(nil, "RSA", nil) else {
            throw CryptoError.openSSL(.internalFailure, "key generation context")
        }
        defer { EVP_PKEY_CTX_free(context) }

        var key: OpaquePointer?
        guard EVP_PKEY_keygen_init(context) == 1,
            EVP_PKEY_CTX_set_rsa_keygen_bits(context, Int32(bits)) == 1,
            EVP_PKEY_generate(context, &key) == 1,
            let key
        else { throw CryptoError.openSSL(.internalFailure, "RSA key generation") }
        return try RSAPrivateKey(taking: key)
    }

    /// Reads an unencrypted PEM private key: PKCS#8 `PRIVATE KEY` or PKCS#1 `RSA PRIVATE KEY`.
    /// An encrypted key is refused rather than prompting for a passphrase.
    public convenience init(pem: String) throws(CryptoError) {
        let bytes = Array(pem.utf8)
        guard let bio = BIO_new_mem_buf(bytes, Int32(bytes.count)) else {
            throw CryptoError.openSSL(.internalFailure, "memory BIO")
        }
        defer { BIO_free(bio) }

        // A callback that supplies no passphrase: OpenSSL's default one would read the terminal.
        guard let key = PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in 0 }, nil) else {
            throw CryptoError.openSSL(.invalidKey, "PEM private key")
        }
        try self.init(taking: key)
    }

    /// Builds a key pair from its big-endian components (the JWK members `n e d p q dp dq qi`,
    /// RFC 7518 section 6.3.2), as published in the RFC examples.
    public convenience init(components: RSAPrivateKeyComponents) throws(CryptoError) {
        let named: [(StaticString, [UInt8])] = [
            ("n", components.modulus), ("e", components.publicExponent), ("d", components.privateExponent),
            ("rsa-factor1", components.prime1), ("rsa-factor2", components.prime2),
            ("rsa-exponent1", components.exponent1), ("rsa-exponent2", components.exponent2),
            ("rsa-coefficient1", components.coefficient),
        ]
        let key = try PKeyBuilder.build(named, selection: skill_EVP_PKEY_KEYPAIR)
        try self.init(taking: key)
    }

    /// The key as a PEM PKCS#8 `PRIVATE KEY` block, unencrypted.
    public var pemRepresentation: String {
        get throws(CryptoError) { try encodePEM() }
    }

    private func encodePEM() throws(CryptoError) -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { throw CryptoError.openSSL(.internalFailure, "memory BIO") }
        defer { BIO_free(bio) }
        guard PEM_write_bio_PrivateKey(bio, pkey, nil, nil, 0, nil, nil) == 1 else {
            throw CryptoError.openSSL(.internalFailure, "PEM encoding of the private key")
        }
        return String(decoding: try MemoryBIO.contents(of: bio), as: UTF8.self)
    }

    /// The public half of the key pair.
    public var publicKey: RSAPublicKey {
        get throws(CryptoError) { try RSAPublicKey(derSPKI: try PublicKeyDER.encode(pkey)) }
    }

    /// The modulus size in bits.
    public var bits: Int {
        Int(EVP_PKEY_get_bits(pkey))
    }

    /// Signs `message` with RSASSA-PKCS1-v1_5 (RFC 8017 section 8.2) over `digest`.
    /// The result is as long as the modulus and deterministic for a given key and message.
    public func sign(_ message: [UInt8], digest: DigestAlgorithm) throws(CryptoError) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw CryptoError.openSSL(.internalFailure, "digest context") }
        defer { EVP_MD_CTX_free(context) }

        var keyContext: OpaquePointer?
        guard EVP_DigestSignInit(context, &keyContext, digest.evpMD, nil, pkey) == 1, let keyContext,
            EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PADDING) == 1
        else { throw CryptoError.openSSL(.signingFailed, "signature setup") }

        var length = 0
        guard EVP_DigestSign(context, nil, &length, message, message.count) == 1, length > 0 else {
            throw CryptoError.openSSL(.signingFailed, "signature length")
        }
        var signature = [UInt8](repeating: 0, count: length)
        guard EVP_DigestSign(context, &signature, &length, message, message.count) == 1 else {
            throw CryptoError.openSSL(.signingFailed, "signature")
        }
        return Array(signature.prefix(length))
    }
}

/// The big-endian components of an RSA private key with two primes (RFC 8017 section 3.2).
public struct RSAPrivateKeyComponents: Sendable {
    public var modulus: [UInt8]
    public var publicExponent: [UInt8]
    public var privateExponent: [UInt8]
    public var prime1: [UInt8]
    public var prime2: [UInt8]
    public var exponent1: [UInt8]
    public var exponent2: [UInt8]
    public var coefficient: [UInt8]

    /// The components, each big-endian without sign.
    public init(
        modulus: [UInt8],
        publicExponent: [UInt8],
        privateExponent: [UInt8],
        prime1: [UInt8],
        prime2: [UInt8],
        exponent1: [UInt8],
        exponent2: [UInt8],
        coefficient: [UInt8]
    ) {
        self.modulus = modulus
        self.publicExponent = publicExponent
        self.privateExponent = privateExponent
        self.prime1 = prime1
        self.prime2 = prime2
        self.exponent1 = exponent1
        self.exponent2 = exponent2
        self.coefficient = coefficient
    }
}
