/// Why one entry of a key set was skipped (RFC 7517 section 4, RFC 7518 section 6.3.1).
public enum JWKRejection: String, Sendable, Equatable {
    case notAnObject = "not_an_object"
    /// `kty` is not `RSA` (an EC or symmetric key, for example): not a key for RS256.
    case unsupportedKeyType = "unsupported_key_type"
    /// `use` is present and not `sig` (RFC 7517 section 4.2).
    case notForSignatures = "not_for_signatures"
    /// `key_ops` is present and lacks `verify` (RFC 7517 section 4.3).
    case verifyNotPermitted = "verify_not_permitted"
    /// `alg` is present and not `RS256` (RFC 7517 section 4.4).
    case algorithmNotAllowed = "algorithm_not_allowed"
    /// No `kid`: keys are selected only by `kid`.
    case missingKeyID = "missing_kid"
    /// Two entries share this `kid`; neither is used, since the choice would be ambiguous.
    case duplicateKeyID = "duplicate_kid"
    /// `n` or `e` missing, not strict base64url, or not in minimal big-endian form.
    case badEncoding = "bad_encoding"
    /// The modulus is shorter than 2048 bits (or longer than 16384), or even.
    case weakModulus = "weak_modulus"
    /// The exponent is even, below 3 or wider than 32 bits.
    case badExponent = "bad_exponent"
    /// The entry carries private members (`d`, `p`, ...): a published private key is never trusted.
    case privateKeyMaterial = "private_key_material"
    /// OpenSSL refused the key.
    case rejectedByCrypto = "rejected_by_crypto"

    /// Whether the entry was an RSA signature key that failed validation (worth a warning),
    /// as opposed to a key simply meant for something else.
    var isSuspicious: Bool {
        switch self {
        case .unsupportedKeyType, .notForSignatures, .verifyNotPermitted, .algorithmNotAllowed: false
        default: true
        }
    }
}
