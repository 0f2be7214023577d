import SkillCrypto
import SkillSupport

/// Publishing an RSA public key as a JWK (RFC 7517), as the development issuer does.
public enum PublicJWK {
    /// The RFC 7638 thumbprint of an RSA key: SHA-256 over `{"e":…,"kty":"RSA","n":…}`
    /// (required members only, in lexicographic order, no whitespace), base64url.
    public static func thumbprint(of key: RSAPublicKey) throws(CryptoError) -> String {
        let n = Base64URL.encode(try key.modulus)
        let e = Base64URL.encode(try key.exponent)
        let canonical = "{\"e\":\"\(e)\",\"kty\":\"RSA\",\"n\":\"\(n)\"}"
        return Base64URL.encode(try DigestAlgorithm.sha256.hash(Array(canonical.utf8)))
    }

    /// `{"kty":"RSA","use":"sig","alg":"RS256","kid":…,"n":…,"e":…}`; `kid` defaults to the thumbprint.
    public static func jwk(for key: RSAPublicKey, keyID: String? = nil) throws(CryptoError) -> JSONValue {
        let kid: String
        if let keyID { kid = keyID } else { kid = try thumbprint(of: key) }
        return .object([
            "kty": "RSA",
            "use": "sig",
            "alg": "RS256",
            "kid": .string(kid),
            "n": .string(Base64URL.encode(try key.modulus)),
            "e": .string(Base64URL.encode(try key.exponent)),
        ])
    }

    /// A JWKS document `{"keys":[…]}` holding `keys`, each under its thumbprint as `kid`.
    public static func keySetDocument(_ keys: [RSAPublicKey]) throws(CryptoError) -> String {
        var entries: [JSONValue] = []
        for key in keys {
            entries.append(try jwk(for: key))
        }
        return JSONText.serialize(.object(["keys": .array(entries)]))
    }
}
