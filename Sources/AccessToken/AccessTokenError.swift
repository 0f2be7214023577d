/// Why an access token was refused. `code` is the machine-readable reason printed by
/// `verify-token` and logged; `detail` is a short explanation that never quotes the token.
public struct AccessTokenError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The machine-readable reasons.
    public enum Code: String, Sendable, CaseIterable {
        /// Not three strict base64url segments, or header/claims not a JSON object, or duplicate keys.
        case malformed
        /// Longer than the configured size cap; rejected before any decoding.
        case tooLarge = "too_large"
        /// The header's `alg` is anything but the pinned `RS256`.
        case algNotAllowed = "alg_not_allowed"
        /// The header names a `crit` extension this verifier does not implement (RFC 7515 section 4.1.11).
        case unsupportedCriticalHeader = "unsupported_critical_header"
        /// The policy requires `typ` `at+jwt` (RFC 9068 section 2.1) and the header has another or none.
        case typeMismatch = "type_mismatch"
        /// No key with the header's `kid` (or no `kid`) in the key set.
        case unknownKid = "unknown_kid"
        /// The RS256 signature does not verify with the selected key.
        case badSignature = "bad_signature"
        /// `exp` is in the past beyond the leeway.
        case expired
        /// `nbf` or `iat` is in the future beyond the leeway.
        case notYetValid = "not_yet_valid"
        /// `iat` is older than the policy's maximum token age.
        case tokenTooOld = "token_too_old"
        /// `iss` differs from the configured issuer.
        case issuerMismatch = "issuer_mismatch"
        /// `aud` does not contain the configured audience.
        case audienceMismatch = "audience_mismatch"
        /// A required claim (`exp`, `iss`, `aud`, or `iat` under a maximum age) is absent.
        case missingClaim = "missing_claim"
        /// A registered claim has the wrong JSON type (`exp` as a string, `aud` as a number).
        case invalidClaim = "invalid_claim"
        /// The token is valid but lacks a scope the request needs.
        case insufficientScope = "insufficient_scope"
        /// No usable key set: never fetched, or the last good copy is older than the staleness limit.
        case jwksUnavailable = "jwks_unavailable"
    }

    /// What the skill should say about a refused token.
    public enum Remedy: String, Sendable {
        /// Ask the user to link (or relink) the account.
        case linkAccount = "link_account"
        /// Say that the linked account lacks the permission.
        case missingPermission = "missing_permission"
        /// Apologise for a temporary problem; relinking would not help.
        case tryLater = "try_later"
    }

    /// The machine-readable reason.
    public var code: Code
    /// A short explanation for logs; never holds token text.
    public var detail: String
    /// The header's `kid` when the header could be read; key ids are public.
    public var kid: String?

    public init(_ code: Code, _ detail: String = "", kid: String? = nil) {
        self.code = code
        self.detail = detail
        self.kid = kid
    }

    /// The spoken answer this failure calls for.
    public var remedy: Remedy {
        switch code {
        case .insufficientScope: .missingPermission
        case .jwksUnavailable: .tryLater
        default: .linkAccount
        }
    }

    public var description: String { detail.isEmpty ? code.rawValue : "\(code.rawValue): \(detail)" }
}
