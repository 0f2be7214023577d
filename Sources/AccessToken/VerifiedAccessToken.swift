import Foundation
import SkillSupport

/// A token that passed every check.
public struct VerifiedAccessToken: Sendable, Equatable {
    /// The header's `kid` (nil only when the key set held a single key and the token named none).
    public var keyID: String?
    /// `sub`, when present.
    public var subject: String?
    /// Granted scopes from `scope`, `scp` and `permissions`.
    public var scopes: Set<String>
    /// `exp`.
    public var expiry: Date
    /// Every claim, as read.
    public var claims: [String: JSONValue]

    /// Whether every scope in `required` was granted (exact element match).
    public func grants(_ required: Set<String>) -> Bool {
        required.isSubset(of: scopes)
    }
}
