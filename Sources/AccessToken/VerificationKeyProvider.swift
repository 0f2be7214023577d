import SkillCrypto

/// Supplies the verification key named by a token's `kid`.
public protocol VerificationKeyProvider: Sendable {
    /// The key for `kid`, or `unknown_kid` / `jwks_unavailable`. A token without `kid`
    /// (`kid` nil) is matched only when the set holds exactly one key.
    func key(for kid: String?) async throws(AccessTokenError) -> RSAPublicKey
}
