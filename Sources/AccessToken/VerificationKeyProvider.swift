import SkillCrypto

/// Supplies the verification key named by a token's `kid`.
public protocol VerificationKeyProvider: Sendable {
    /// The key for `kid`, or `unknown_kid` / `jwks_unavailable`.
    func key(for kid: String) async throws(AccessTokenError) -> RSAPublicKey
}
