import Foundation
import SkillSupport
import Synchronization

/// Authorization codes and refresh tokens, in memory. Expired entries are dropped lazily, on the
/// next change to the store.
///
/// Refresh tokens rotate: redeeming one retires it and returns a successor. A retired token that
/// comes back means two parties hold the same grant, so, as the OAuth 2.0 Security Best Current
/// Practice (RFC 9700 section 4.14.2) recommends, the whole family is revoked and the caller
/// gets `invalid_grant`.
final class GrantStore: Sendable {
    private struct State {
        var codes: [String: PendingAuthorization] = [:]
        var refreshTokens: [String: RefreshGrant] = [:]
        /// Retired refresh tokens and their family, kept until the family would have expired.
        var retired: [String: (family: String, expiry: Date)] = [:]
    }

    private let state = Mutex(State())

    /// Stores `authorization` under a fresh code and returns the code.
    func issueCode(for authorization: PendingAuthorization, now: Date) -> String {
        let code = RandomToken.make()
        state.withLock { state in
            Self.purge(&state, now: now)
            state.codes[code] = authorization
        }
        return code
    }

    /// Removes the code and returns what it stood for; nil when unknown, used or expired.
    /// A code is spent even when the token request later fails (RFC 6749 section 4.1.2).
    func redeemCode(_ code: String, now: Date) -> PendingAuthorization? {
        state.withLock { state in
            guard let authorization = state.codes.removeValue(forKey: code), authorization.expiry > now else {
                return nil
            }
            return authorization
        }
    }

    /// Stores `grant` under a fresh refresh token and returns the token.
    func issueRefreshToken(for grant: RefreshGrant, now: Date) -> String {
        let token = RandomToken.make()
        state.withLock { state in
            Self.purge(&state, now: now)
            state.refreshTokens[token] = grant
        }
        return token
    }

    /// What redeeming a refresh token found.
    enum Redemption: Equatable {
        /// The grant, now retired, and the scopes the new access token gets.
        case valid(RefreshGrant, scopes: [String])
        /// Unknown, expired, or issued to another client.
        case unknown
        /// Already rotated away: the family has now been revoked.
        case reused
        /// The requested scope is not within the original grant; the token stays live.
        case scopeTooWide
    }

    /// Retires `token` and returns its grant, when it was issued to `clientID` and covers
    /// `requestedScope` (nil: the original scope; RFC 6749 section 6 lets a refresh only narrow).
    /// A retired token revokes its whole family. The checks and the retirement happen under one
    /// lock, so two concurrent refreshes with one token cannot both succeed.
    func redeemRefreshToken(_ token: String, clientID: String, requestedScope: String?, now: Date) -> Redemption {
        state.withLock { state in
            if let retired = state.retired[token] {
                state.refreshTokens = state.refreshTokens.filter { $0.value.family != retired.family }
                return .reused
            }
            guard let grant = state.refreshTokens[token], grant.expiry > now, grant.clientID == clientID else {
                return .unknown
            }
            guard let scopes = ScopeList.grant(requested: requestedScope, allowed: grant.scopes) else {
                return .scopeTooWide
            }
            state.refreshTokens[token] = nil
            state.retired[token] = (grant.family, grant.expiry)
            return .valid(grant, scopes: scopes)
        }
    }

    /// Counts, for tests of the lazy purge.
    var counts: (codes: Int, refreshTokens: Int, retired: Int) {
        state.withLock { ($0.codes.count, $0.refreshTokens.count, $0.retired.count) }
    }

    private static func purge(_ state: inout State, now: Date) {
        state.codes = state.codes.filter { $0.value.expiry > now }
        state.refreshTokens = state.refreshTokens.filter { $0.value.expiry > now }
        state.retired = state.retired.filter { $0.value.expiry > now }
    }
}

/// Unguessable codes and tokens: 32 random bytes (256 bits) from the system's CSPRNG, base64url.
enum RandomToken {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Base64URL.encode(bytes)
    }
}
