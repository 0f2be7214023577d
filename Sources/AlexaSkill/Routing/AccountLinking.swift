/// What the router knows about the account-linking access token of a request.
public enum AccountLinkStatus: Sendable {
    /// The request carries no access token: the user has not linked an account.
    case missing
    /// A token is present but was rejected (bad signature, expired, wrong issuer or audience, ...).
    /// `reason` is a short machine-readable code for logs; it must never contain the token.
    case invalid(reason: String)
    /// The token could not be checked because something on the server's side failed (the
    /// issuer's keys cannot be fetched, say). Not the user's fault, so no LinkAccount card.
    case unavailable(reason: String)
    /// The token is valid.
    case linked(LinkedAccount)
}

/// The account behind a valid access token.
public struct LinkedAccount: Sendable {
    /// The token's `sub` claim, when it has one.
    public var subject: String?
    /// The scopes the token grants (its `scope` claim split on spaces).
    public var scopes: Set<String>

    /// Creates an account from a token's subject and granted scopes.
    public init(subject: String?, scopes: Set<String>) {
        self.subject = subject
        self.scopes = scopes
    }
}

/// Validates an account-linking access token. The server supplies the real one (an RS256 JWT verifier).
public protocol AccessTokenChecker: Sendable {
    /// Checks the token; never throws, a rejection is ``AccountLinkStatus/invalid(reason:)``.
    func check(accessToken: String) async -> AccountLinkStatus
}

extension AccountLinkStatus: Equatable {}
extension LinkedAccount: Equatable {}

extension AccountLinkStatus {
    /// The linked account, or nil when the token is missing or invalid.
    public var linkedAccount: LinkedAccount? {
        guard case .linked(let account) = self else { return nil }
        return account
    }

    /// `missing`, `invalid`, `unavailable` or `linked`, for log metadata.
    public var name: String {
        switch self {
        case .missing: "missing"
        case .invalid: "invalid"
        case .unavailable: "unavailable"
        case .linked: "linked"
        }
    }
}
