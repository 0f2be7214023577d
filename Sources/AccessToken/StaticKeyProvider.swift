import SkillCrypto

/// A fixed set of verification keys, by `kid` (tests, benchmarks, configurations without a JWKS endpoint).
public struct StaticKeyProvider: VerificationKeyProvider {
    public let keys: [String: RSAPublicKey]

    /// Serves `keys` by `kid`.
    public init(keys: [String: RSAPublicKey]) {
        self.keys = keys
    }

    /// Serves the usable keys of a parsed key set.
    public init(keySet: JSONWebKeySet) {
        keys = keySet.keys
    }

    public func key(for kid: String?) async throws(AccessTokenError) -> RSAPublicKey {
        guard let key = kid.map({ keys[$0] }) ?? (keys.count == 1 ? keys.first?.value : nil) else {
            throw AccessTokenError(.unknownKid, "no such key", kid: kid)
        }
        return key
    }
}
