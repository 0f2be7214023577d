import Foundation
import SkillSupport

/// Reads the remaining lifetime of an access token that happens to be a JWT.
///
/// The payload is decoded without verifying the signature: the value only becomes the
/// `expires_in` hint for the client (RFC 6749 section 5.1), which decides when to refresh.
/// Nothing is granted on the strength of it; resource servers verify the token themselves.
enum AccessTokenLifetime {
    /// Whole seconds from `now` until the token's `exp` (RFC 7519 section 4.1.4), rounded down
    /// so the client refreshes early rather than late, and never negative. Nil when the token
    /// is not a three-part JWS compact serialisation whose payload is a JSON object with a
    /// numeric `exp`.
    static func remainingSeconds(of accessToken: String, now: Date) -> Int? {
        let parts = accessToken.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = Base64URL.decode(parts[1]),
            let claims = OAuthJSON.object(from: payload)
        else {
            return nil
        }

        let expiry: Double
        switch claims["exp"] {
        case .integer(let value): expiry = Double(value)
        case .number(let value): expiry = value
        default: return nil
        }

        let remaining = (expiry - now.timeIntervalSince1970).rounded(.down)
        guard remaining.isFinite else { return nil }
        return Int(min(max(remaining, 0), maximumSeconds))
    }

    /// A ceiling that keeps the conversion to `Int` safe for absurd `exp` values (about 68 years).
    private static let maximumSeconds = Double(Int32.max)
}
