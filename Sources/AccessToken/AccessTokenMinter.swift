import Foundation
import SkillCrypto
import SkillSupport

/// Signs claims into RS256 compact JWS access tokens (the development issuer and tests).
public struct AccessTokenMinter: Sendable {
    /// The signing key.
    public let privateKey: RSAPrivateKey
    /// The `kid` header of every token: by default the RFC 7638 thumbprint of the public key,
    /// which is also the `kid` that `PublicJWK` publishes.
    public let keyID: String

    /// A minter for `privateKey`; `keyID` overrides the thumbprint `kid`.
    public init(privateKey: RSAPrivateKey, keyID: String? = nil) throws(CryptoError) {
        self.privateKey = privateKey
        if let keyID {
            self.keyID = keyID
        } else {
            self.keyID = try PublicJWK.thumbprint(of: try privateKey.publicKey)
        }
    }

    /// Signs `claims` as given. `type` goes into the `typ` header (RFC 9068 section 2.1), nil for none.
    public func sign(claims: [String: JSONValue], type: String? = "at+jwt") throws(CryptoError) -> String {
        var header: [String: JSONValue] = ["alg": "RS256", "kid": .string(keyID)]
        if let type { header["typ"] = .string(type) }
        let signingInput =
            Base64URL.encode(Array(JSONText.serialize(.object(header)).utf8)) + "."
            + Base64URL.encode(Array(JSONText.serialize(.object(claims)).utf8))
        let signature = try privateKey.sign(Array(signingInput.utf8), digest: .sha256)
        return signingInput + "." + Base64URL.encode(signature)
    }

    /// An access token with the usual claims: `iss`, `aud`, `sub`, `scope` (space-delimited,
    /// omitted when empty), `iat`, `nbf`, `exp` = now + lifetime, and a random `jti`.
    public func mint(
        issuer: String,
        audience: String,
        subject: String,
        scopes: [String] = [],
        lifetime: Double = 3600,
        now: Date = Date()
    ) throws(CryptoError) -> String {
        let issued = now.timeIntervalSince1970.rounded(.down)
        var claims: [String: JSONValue] = [
            "iss": .string(issuer),
            "aud": .string(audience),
            "sub": .string(subject),
            "iat": .number(issued),
            "nbf": .number(issued),
            "exp": .number(issued + lifetime.rounded(.down)),
            "jti": .string(UUID().uuidString.lowercased()),
        ]
        if !scopes.isEmpty { claims["scope"] = .string(scopes.joined(separator: " ")) }
        return try sign(claims: claims)
    }
}
