import SkillCrypto
import SkillSupport

/// An RSA public key for RS256 verification, validated from a JWK (RFC 7517, RFC 7518 section 6.3).
public struct JSONWebKey: Sendable {
    /// Shorter moduli are refused (NIST SP 800-57 part 1: 2048 bits for 112-bit security).
    public static let minimumModulusBits = 2048
    /// Longer moduli are refused: they only make verification slow.
    public static let maximumModulusBits = 16384

    public var keyID: String?
    public var publicKey: RSAPublicKey

    /// Validates one JWK object. The checks, in order: `kty` RSA, `use` sig or absent,
    /// `key_ops` containing `verify` if present, `alg` RS256 if present, no private members,
    /// `n` and `e` strict base64url in minimal form, modulus 2048 to 16384 bits and odd,
    /// exponent odd, at least 3 and at most 32 bits wide.
    public init(validating members: [String: JSONValue]) throws(JWKRejectionError) {
        guard members["kty"]?.stringValue == "RSA" else { throw JWKRejectionError(.unsupportedKeyType) }
        if let use = members["use"], use.stringValue != "sig" { throw JWKRejectionError(.notForSignatures) }
        if let operations = members["key_ops"] {
            let names = operations.arrayValue?.compactMap(\.stringValue) ?? []
            guard names.contains("verify") else { throw JWKRejectionError(.verifyNotPermitted) }
        }
        if let alg = members["alg"], alg.stringValue != "RS256" { throw JWKRejectionError(.algorithmNotAllowed) }
        let privateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth"]
        guard !privateMembers.contains(where: { members[$0] != nil }) else {
            throw JWKRejectionError(.privateKeyMaterial)
        }
        if let kid = members["kid"], kid.stringValue == nil { throw JWKRejectionError(.badEncoding) }

        // RFC 7518 section 6.3.1.1: n and e use the minimum number of octets.
        guard let modulusText = members["n"]?.stringValue, let modulus = Base64URL.decode(modulusText),
            let exponentText = members["e"]?.stringValue, let exponent = Base64URL.decode(exponentText),
            let modulusLead = modulus.first, modulusLead != 0, let exponentLead = exponent.first, exponentLead != 0
        else { throw JWKRejectionError(.badEncoding) }

        let modulusBits = modulus.count * 8 - modulusLead.leadingZeroBitCount
        guard (Self.minimumModulusBits...Self.maximumModulusBits).contains(modulusBits),
            let modulusLast = modulus.last, modulusLast & 1 == 1
        else { throw JWKRejectionError(.weakModulus) }

        guard exponent.count <= 4, let exponentLast = exponent.last, exponentLast & 1 == 1,
            exponent.count > 1 || exponentLead >= 3
        else { throw JWKRejectionError(.badExponent) }

        do {
            publicKey = try RSAPublicKey(modulus: modulus, exponent: exponent)
        } catch {
            throw JWKRejectionError(.rejectedByCrypto)
        }
        keyID = members["kid"]?.stringValue
    }
}

/// A JWK that did not pass validation, with the reason.
public struct JWKRejectionError: Error, Sendable, Equatable {
    public var reason: JWKRejection

    public init(_ reason: JWKRejection) {
        self.reason = reason
    }
}
