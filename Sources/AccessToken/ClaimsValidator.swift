import Foundation
import SkillSupport

/// The registered-claim checks of RFC 7519 section 4.1 under an `AccessTokenPolicy`.
struct ClaimsValidator: Sendable {
    let policy: AccessTokenPolicy

    /// Returns `exp` as a date when every check passes.
    func validate(_ claims: [String: JSONValue], now: Date) throws(AccessTokenError) -> Date {
        let current = now.timeIntervalSince1970
        let leeway = policy.leeway

        // exp is required and numeric; the token is invalid at or after exp (section 4.1.4).
        guard let expValue = claims["exp"] else { throw AccessTokenError(.missingClaim, "exp") }
        guard let exp = expValue.numberValue else { throw AccessTokenError(.invalidClaim, "exp is not a number") }
        guard current < exp + leeway else { throw AccessTokenError(.expired, "exp passed") }

        // nbf (section 4.1.5): not before, allowing for skew.
        if let nbfValue = claims["nbf"] {
            guard let nbf = nbfValue.numberValue else { throw AccessTokenError(.invalidClaim, "nbf is not a number") }
            guard current + leeway >= nbf else { throw AccessTokenError(.notYetValid, "nbf in the future") }
        }

        // iat (section 4.1.6): a token issued in the future is not valid yet; its age may be bounded.
        var issuedAt: Double?
        if let iatValue = claims["iat"] {
            guard let iat = iatValue.numberValue else { throw AccessTokenError(.invalidClaim, "iat is not a number") }
            guard iat <= current + leeway else { throw AccessTokenError(.notYetValid, "iat in the future") }
            issuedAt = iat
        }
        if let maximumAge = policy.maximumAge {
            guard let issuedAt else { throw AccessTokenError(.missingClaim, "iat") }
            guard current - issuedAt <= maximumAge + leeway else { throw AccessTokenError(.tokenTooOld, "iat too old") }
        }

        // iss (section 4.1.1): exact string comparison, no normalisation.
        guard let issValue = claims["iss"] else { throw AccessTokenError(.missingClaim, "iss") }
        guard let iss = issValue.stringValue else { throw AccessTokenError(.invalidClaim, "iss is not a string") }
        guard iss == policy.issuer else { throw AccessTokenError(.issuerMismatch, "unexpected issuer") }

        // aud (section 4.1.3): a string or an array of strings that must contain our audience.
        guard let audValue = claims["aud"] else { throw AccessTokenError(.missingClaim, "aud") }
        switch audValue {
        case .string(let aud):
            guard aud == policy.audience else { throw AccessTokenError(.audienceMismatch, "unexpected audience") }
        case .array(let elements):
            guard elements.allSatisfy({ $0.stringValue != nil }) else {
                throw AccessTokenError(.invalidClaim, "aud holds a non-string")
            }
            guard elements.contains(.string(policy.audience)) else {
                throw AccessTokenError(.audienceMismatch, "audience not listed")
            }
        default:
            throw AccessTokenError(.invalidClaim, "aud is neither a string nor an array")
        }

        if let sub = claims["sub"], sub.stringValue == nil {
            throw AccessTokenError(.invalidClaim, "sub is not a string")
        }
        return Date(timeIntervalSince1970: exp)
    }
}
