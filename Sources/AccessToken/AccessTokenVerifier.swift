import Foundation
import SkillSupport

/// Verifies OAuth access tokens as RS256 JWTs: the one code path used by the server and by
/// `verify-token`.
///
/// Order of checks: size cap, strict compact parsing, the JWS layer (`RS256SignatureVerifier`:
/// `alg` pinned, `crit`, key by `kid`, signature), `typ` when required, then the claims
/// (a JSON object without duplicate names), registered claims and scopes. Every rejection is
/// an `AccessTokenError` and is logged without the token.
public struct AccessTokenVerifier: Sendable {
    /// What valid tokens must satisfy.
    public let policy: AccessTokenPolicy
    private let keys: any VerificationKeyProvider
    private let clock: any WallClock
    private let logger: Logger
    private let claimsValidator: ClaimsValidator
    private let signatureVerifier: RS256SignatureVerifier
    private let logsDebug: Bool

    /// A verifier taking keys from `keys` (a `JWKSCache` in the server) and time from `clock`.
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
        signatureVerifier = RS256SignatureVerifier(keys: keys, logger: logger)
        logsDebug = logger.minimumLevel <= .debug
    }

    /// Verifies `token` and checks that it grants every scope in `requiredScopes`.
    public func verify(
        _ token: String,
        requiredScopes: Set<String> = []
    ) async throws(AccessTokenError)
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

    private func check(
        _ token: String,
        requiredScopes: Set<String>
    ) async throws(AccessTokenError)
        -> VerifiedAccessToken
    {
        let jws = try CompactJWS(parsing: token, maximumLength: policy.maximumTokenLength)
        let kid = jws.header.keyID
        try await signatureVerifier.verify(jws)
        if policy.requireAccessTokenType, !Self.isAccessTokenType(jws.header.type) {
            throw AccessTokenError(.typeMismatch, "typ is not at+jwt", kid: kid)
        }

        // Claims are read only from a payload whose signature has been checked.
        do throws(AccessTokenError) {
            let claims = try jws.claims()
            let expiry = try claimsValidator.validate(claims, now: clock.now())
            let scopes = try ScopeClaims.granted(claims)
            guard requiredScopes.isSubset(of: scopes) else {
                let missing = requiredScopes.subtracting(scopes).sorted().joined(separator: " ")
                throw AccessTokenError(.insufficientScope, "missing \(missing)")
            }
            return VerifiedAccessToken(
                keyID: kid,
                subject: claims["sub"]?.stringValue,
                scopes: scopes,
                expiry: expiry,
                claims: claims
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
