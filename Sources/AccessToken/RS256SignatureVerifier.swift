import SkillCrypto
import SkillSupport

/// The JWS layer of verification (RFC 7515 section 5.2), pinned to RS256.
///
/// The header never chooses the algorithm or the key: `alg` must be exactly `RS256`, a `crit`
/// header is refused (no extension is implemented), and the key is the configured provider's
/// key for `kid`. `jwk`, `jku`, `x5u` and `x5c` are ignored and cause no request.
public struct RS256SignatureVerifier: Sendable {
    /// The only algorithm accepted (RFC 7518 section 3.3).
    public static let algorithm = "RS256"

    private let keys: any VerificationKeyProvider
    private let logger: Logger
    private let logsDebug: Bool

    /// A verifier taking keys from `keys`.
    public init(keys: any VerificationKeyProvider, logger: Logger = .disabled) {
        self.keys = keys
        self.logger = logger
        logsDebug = logger.minimumLevel <= .debug
    }

    /// Succeeds when the signature over the signing input verifies with the key named by `kid`.
    public func verify(_ jws: CompactJWS) async throws(AccessTokenError) {
        let header = jws.header
        let kid = header.keyID
        guard header.algorithm == Self.algorithm else {
            // The detail does not echo the header's alg: it is attacker-chosen text.
            throw AccessTokenError(.algNotAllowed, header.algorithm == nil ? "no alg" : "alg is not RS256", kid: kid)
        }
        guard !header.hasCritical else {
            throw AccessTokenError(.unsupportedCriticalHeader, "no critical extension is supported", kid: kid)
        }
        if !header.ignoredKeyMembers.isEmpty, logsDebug {
            let names = header.ignoredKeyMembers.joined(separator: ",")
            logger.debug("access_token.header.key_ignored", ["jwt.header": names])
        }

        let key: RSAPublicKey
        do {
            key = try await keys.key(for: kid)
        } catch {
            throw AccessTokenError(error.code, error.detail, kid: kid)
        }
        guard key.isValidSignature(jws.signature, for: jws.signingInput, digest: .sha256) else {
            throw AccessTokenError(.badSignature, "signature does not verify", kid: kid)
        }
    }
}
