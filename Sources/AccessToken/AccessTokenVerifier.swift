import Foundation
import SkillCrypto
import SkillSupport

/// Verifies OAuth access tokens as RS256 JWTs: the one code path used by the server and by
/// `verify-token`.
///
/// Order of checks: size cap, strict compact parsing, `alg` pinned to RS256 (the header
/// never chooses the algorithm or the key), `crit`, `typ`, key by `kid` from the configured
/// key provider (`jwk`, `jku`, `x5u`, `x5c` are ignored and fetch nothing), signature, claims,
/// scopes. Every rejection is an `AccessTokenError` and is logged without the token.
public struct AccessTokenVerifier: Sendable {
    /// The only algorithm accepted (RFC 7518 section 3.3).
    public static let algorithm = "RS256"

    public let policy: AccessTokenPolicy
    private let keys: any VerificationKeyProvider
    private let clock: any WallClock
    private let logger: Logger
    private let claimsValidator: ClaimsValidator
    private let logsDebug: Bool

    public init(
        policy: AccessTokenPolicy,
        keys: any VerificationKeyProvider,
        clock: any WallClock = SystemWallClock(),
        logger: Logger = .disabled
    ) {
        self.policy = policy
        self.keys = keys
        self.clock = clock
        self.logger = logger
        claimsValidator = ClaimsValidator(policy: policy)
        logsDebug = logger.minimumLevel <= .debug
    }

    /// Verifies `token` and checks that it grants every scope in `requiredScopes`.
    public func verify(_ token: String, requiredScopes: Set<String> = []) async throws(AccessTokenError)
        -> VerifiedAccessToken
    {
        do {
            let verified = try await check(token, requiredScopes: requiredScopes)
            if logsDebug { logger.debug("access_token.accepted", ["jwt.kid": Self.loggable(verified.keyID)]) }
            return verified
        } catch {
            if logsDebug {
                let data = ["jwt.reason": error.code.rawValue, "jwt.kid": Self.loggable(error.kid)]
                logger.debug("access_token.rejected", data)
            }
            throw error
        }
    }

    private func check(_ token: String, requiredScopes: Set<String>) async throws(AccessTokenError)
        -> VerifiedAccessToken
    {
        let jws = try CompactJWS(parsing: token, maximumLength: policy.maximumTokenLength)
        let header = jws.header
        let kid = header.keyID

        guard header.algorithm == Self.algorithm else {
            // The detail does not echo the header's alg: it is attacker-chosen text.
            throw AccessTokenError(.algNotAllowed, header.algorithm == nil ? "no alg" : "alg is not RS256", kid: kid)
        }
        guard !header.hasCritical else {
            throw AccessTokenError(.unsupportedCriticalHeader, "no critical extension is supported", kid: kid)
        }
        if policy.requireAccessTokenType, !Self.isAccessTokenType(header.type) {
            throw AccessTokenError(.typeMismatch, "typ is not at+jwt", kid: kid)
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

        do throws(AccessTokenError) {
            let expiry = try claimsValidator.validate(jws.claims, now: clock.now())
            let scopes = try ScopeClaims.granted(jws.claims)
            guard requiredScopes.isSubset(of: scopes) else {
                let missing = requiredScopes.subtracting(scopes).sorted().joined(separator: " ")
                throw AccessTokenError(.insufficientScope, "missing \(missing)")
            }
            return VerifiedAccessToken(
                keyID: kid,
                subject: jws.claims["sub"]?.stringValue,
                scopes: scopes,
                expiry: expiry,
                claims: jws.claims
            )
        } catch {
            throw AccessTokenError(error.code, error.detail, kid: kid)
        }
    }

    /// A kid as logged: the header is attacker-chosen, so at most 64 characters of it.
    static func loggable(_ kid: String?) -> String {
        guard let kid else { return "" }
        return kid.count <= 64 ? kid : String(kid.prefix(64)) + "…"
    }

    /// `at+jwt`, case-insensitive, optionally as `application/at+jwt` (RFC 7515 section 4.1.9).
    static func isAccessTokenType(_ type: String?) -> Bool {
        guard var value = type?.lowercased() else { return false }
        if value.hasPrefix("application/") { value.removeFirst("application/".count) }
        return value == "at+jwt"
    }
}
