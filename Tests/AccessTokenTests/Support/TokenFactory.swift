import AccessToken
import Foundation
import SkillCrypto
import SkillSupport

/// Key pairs generated once per test process (RSA generation is slow).
enum TestKeys {
    static let primary: RSAPrivateKey? = try? RSAPrivateKey.generate(bits: 2048)
    static let secondary: RSAPrivateKey? = try? RSAPrivateKey.generate(bits: 2048)
    static let attacker: RSAPrivateKey? = try? RSAPrivateKey.generate(bits: 2048)

    struct Missing: Error {}

    static func require(_ key: RSAPrivateKey?) throws -> RSAPrivateKey {
        guard let key else { throw Missing() }
        return key
    }
}

/// Builds tokens byte by byte, including malformed and hostile ones.
struct TokenFactory {
    static let issuer = "https://issuer.example/"
    static let audience = "skill-audience"
    /// A fixed "now": 2026-01-01T00:00:00Z.
    static let now: Double = 1_767_225_600

    let key: RSAPrivateKey
    let kid: String

    init(key: RSAPrivateKey, kid: String) {
        self.key = key
        self.kid = kid
    }

    static func primary() throws -> TokenFactory {
        TokenFactory(key: try TestKeys.require(TestKeys.primary), kid: "primary")
    }

    static func standardClaims(scope: String? = "read:weather") -> [String: JSONValue] {
        var claims: [String: JSONValue] = [
            "iss": .string(issuer), "aud": .string(audience), "sub": "user-1",
            "iat": .number(now - 60), "nbf": .number(now - 60), "exp": .number(now + 3600),
        ]
        if let scope { claims["scope"] = .string(scope) }
        return claims
    }

    /// Header and claims as raw JSON text, signed with RS256 by this factory's key.
    func sign(headerJSON: String, claimsJSON: String) throws -> String {
        let input = Base64URL.encode(Array(headerJSON.utf8)) + "." + Base64URL.encode(Array(claimsJSON.utf8))
        let signature = try key.sign(Array(input.utf8), digest: .sha256)
        return input + "." + Base64URL.encode(signature)
    }

    func token(
        claims: [String: JSONValue] = TokenFactory.standardClaims(),
        header: [String: JSONValue]? = nil
    ) throws -> String {
        let header = header ?? ["alg": "RS256", "kid": .string(kid), "typ": "at+jwt"]
        return try sign(
            headerJSON: JSONText.serialize(.object(header)),
            claimsJSON: JSONText.serialize(.object(claims))
        )
    }

    var publicKey: RSAPublicKey {
        get throws { try key.publicKey }
    }

    func keyProvider() throws -> StaticKeyProvider { StaticKeyProvider(keys: [kid: try publicKey]) }

    func verifier(
        policy: AccessTokenPolicy = AccessTokenPolicy(issuer: TokenFactory.issuer, audience: TokenFactory.audience),
        keys: (any VerificationKeyProvider)? = nil
    ) throws -> AccessTokenVerifier {
        AccessTokenVerifier(
            policy: policy,
            keys: try keys ?? keyProvider(),
            clock: ManualWallClock(epochSeconds: TokenFactory.now)
        )
    }
}

/// The verification failure's code, or nil when the token verified.
func rejection(
    _ verifier: AccessTokenVerifier,
    _ token: String,
    scopes: Set<String> = []
) async -> AccessTokenError.Code? {
    do {
        _ = try await verifier.verify(token, requiredScopes: scopes)
        return nil
    } catch {
        return error.code
    }
}
