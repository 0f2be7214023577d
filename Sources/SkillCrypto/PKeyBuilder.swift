import COpenSSL

/// Builds an RSA `EVP_PKEY` from named big-number parameters through `EVP_PKEY_fromdata`
/// (the OpenSSL 3 replacement for the deprecated `RSA_set0_key`).
///
/// Parameter names are `StaticString`s on purpose: `OSSL_PARAM_BLD_push_BN` keeps the name
/// pointer until the parameters are built, so a temporary C string bridged from a `String`
/// would dangle.
enum PKeyBuilder {
    /// Returns a new key the caller owns. `selection` is `skill_EVP_PKEY_PUBLIC_KEY` or
    /// `skill_EVP_PKEY_KEYPAIR`.
    static func build(_ named: [(StaticString, [UInt8])], selection: Int32) throws(CryptoError) -> OpaquePointer {
        guard named.allSatisfy({ !$0.1.isEmpty }) else { throw CryptoError(.invalidKey, "empty key component") }

        var numbers: [OpaquePointer] = []
        defer { numbers.forEach { BN_free($0) } }
        for (name, bytes) in named {
            guard let number = BN_bin2bn(bytes, Int32(bytes.count), nil) else {
                throw CryptoError.openSSL(.invalidKey, "key component \(name)")
            }
            numbers.append(number)
        }

        guard let builder = OSSL_PARAM_BLD_new() else { throw CryptoError.openSSL(.internalFailure, "param builder") }
        defer { OSSL_PARAM_BLD_free(builder) }
        for (index, (name, _)) in named.enumerated() {
            // A one-scalar StaticString may be stored without a pointer; utf8Start would trap on it.
            guard name.hasPointerRepresentation else {
                throw CryptoError(.internalFailure, "key parameter name without storage")
            }
            let cName = UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)
            guard OSSL_PARAM_BLD_push_BN(builder, cName, numbers[index]) == 1 else {
                throw CryptoError.openSSL(.internalFailure, "key parameter \(name)")
            }
        }
        guard let params = OSSL_PARAM_BLD_to_param(builder) else {
            throw CryptoError.openSSL(.internalFailure, "key parameters")
        }
        defer { OSSL_PARAM_free(params) }

        guard let context = EVP_PKEY_CTX_new_from_name(nil, "RSA", nil) else {
            throw CryptoError.openSSL(.internalFailure, "key context")
        }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer?
        guard EVP_PKEY_fromdata_init(context) == 1,
            EVP_PKEY_fromdata(context, &key, selection, params) == 1,
            let key
        else { throw CryptoError.openSSL(.invalidKey, "RSA key from components") }
        return key
    }
}
