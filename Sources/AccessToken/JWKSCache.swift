import Foundation
import SkillCrypto
import SkillSupport
import Synchronization

/// An in-memory cache of an issuer's key set, safe under concurrency.
///
/// - A fresh set answers from memory without suspending.
/// - An expired set is refetched; concurrent callers share the one fetch in flight.
/// - An unknown `kid` triggers a refetch only when no fetch happened in the last
///   `unknownKidCooldown` seconds; otherwise it is refused at once, nobody waits for the cooldown.
/// - A `kid` proven absent by a fetch made after the token arrived is remembered, so random
///   `kid`s cause no traffic.
/// - When a refresh fails, the last good set keeps serving until `maximumStaleness`, then
///   tokens are refused with `jwks_unavailable`. Failed fetches are retried after the cooldown.
/// - Fetches are bounded by `fetchTimeout`.
public final class JWKSCache: VerificationKeyProvider {
    private let source: any JWKSSource
    private let policy: JWKSCachePolicy
    private let clock: any WallClock
    private let logger: Logger
    private let state = Mutex(State())

    private struct State {
        var keys: [String: RSAPublicKey] = [:]
        var fetchedAt: Date?
        var expiresAt: Date?
        var lastAttemptAt: Date?
        var inFlight: Task<Void, Never>?
        /// Whether the latest fetch failed; until one succeeds, a kid missing from the cached set
        /// is not proof the issuer lacks it.
        var lastFetchFailed = false
        var missedKids: [String: Date] = [:]
    }

    private enum Step {
        case use(RSAPublicKey)
        case refuse(AccessTokenError)
        case wait(Task<Void, Never>)
    }

    /// A cache over `source`; `clock` decides ages, `logger` receives fetch and skip events.
    public init(
        source: any JWKSSource,
        policy: JWKSCachePolicy = JWKSCachePolicy(),
        clock: any WallClock = SystemWallClock(),
        logger: Logger = .disabled
    ) {
        self.source = source
        self.policy = policy
        self.clock = clock
        self.logger = logger
    }

    /// The key for `kid`, fetching or refetching under the rules above.
    public func key(for kid: String?) async throws(AccessTokenError) -> RSAPublicKey {
        var waited = false
        while true {
            let step = state.withLock { state in nextStep(&state, kid: kid, afterFetch: waited) }
            switch step {
            case .use(let key):
                return key
            case .refuse(let error):
                throw error
            case .wait(let fetch):
                await fetch.value
                waited = true
            }
        }
    }

    /// Fetches now unless a fetch is already running (then waits for that one), for warming the cache at start.
    public func refresh() async throws(AccessTokenError) {
        let fetch = state.withLock { state in state.inFlight ?? startFetch(&state, now: clock.now()) }
        await fetch.value
        let fresh = state.withLock { state in state.fetchedAt != nil && isFresh(state, now: clock.now()) }
        guard fresh else { throw AccessTokenError(.jwksUnavailable, "refresh failed") }
    }

    /// The `kid`s currently held, for diagnostics and tests.
    public var cachedKeyIDs: Set<String> {
        state.withLock { Set($0.keys.keys) }
    }

    private func isFresh(_ state: State, now: Date) -> Bool {
        guard let expiresAt = state.expiresAt else { return false }
        return now < expiresAt
    }

    /// Decides, under the lock, what one caller does next.
    private func nextStep(_ state: inout State, kid: String?, afterFetch: Bool) -> Step {
        let now = clock.now()
        let fresh = isFresh(state, now: now)
        if fresh, let key = Self.lookup(state.keys, kid) { return .use(key) }

        if !afterFetch, let running = state.inFlight { return .wait(running) }
        if afterFetch {
            guard fresh else { return staleAnswer(state, kid: kid, now: now) }
            guard !state.lastFetchFailed else { return .refuse(refreshFailed(kid)) }
            rememberMiss(&state, kid: kid, now: now)
            return .refuse(unknownKid(kid))
        }

        let coolingDown = state.lastAttemptAt.map { now.timeIntervalSince($0) < policy.unknownKidCooldown } ?? false
        if !fresh {
            // Expired or never fetched: refetch, unless the last attempt (a failure) was too recent.
            return coolingDown ? staleAnswer(state, kid: kid, now: now) : .wait(startFetch(&state, now: now))
        }
        if let missedAt = state.missedKids[kid ?? ""], now.timeIntervalSince(missedAt) < policy.missedKidMemory {
            return .refuse(unknownKid(kid))
        }
        guard coolingDown else { return .wait(startFetch(&state, now: now)) }
        return .refuse(state.lastFetchFailed ? refreshFailed(kid) : unknownKid(kid))
    }

    /// The answer from an expired set: its key while within the staleness limit.
    private func staleAnswer(_ state: State, kid: String?, now: Date) -> Step {
        guard let fetchedAt = state.fetchedAt else {
            return .refuse(AccessTokenError(.jwksUnavailable, "key set never fetched", kid: kid))
        }
        guard now.timeIntervalSince(fetchedAt) <= policy.maximumStaleness else {
            return .refuse(AccessTokenError(.jwksUnavailable, "key set older than the staleness limit", kid: kid))
        }
        guard let key = Self.lookup(state.keys, kid) else { return .refuse(unknownKid(kid)) }
        let age = String(Int(now.timeIntervalSince(fetchedAt)))
        logger.debug("jwks.stale.served", ["jwt.kid": kid ?? "", "jwks.age_seconds": age])
        return .use(key)
    }

    /// The key named `kid`; without a `kid`, the only key of a one-key set.
    private static func lookup(_ keys: [String: RSAPublicKey], _ kid: String?) -> RSAPublicKey? {
        guard let kid else { return keys.count == 1 ? keys.first?.value : nil }
        return keys[kid]
    }

    private func unknownKid(_ kid: String?) -> AccessTokenError {
        AccessTokenError(.unknownKid, "no such key in the key set", kid: kid)
    }

    /// A kid the cached set lacks while the refresh that could have brought it failed: the
    /// issuer's fault (try later), not the token's (link again).
    private func refreshFailed(_ kid: String?) -> AccessTokenError {
        AccessTokenError(.jwksUnavailable, "kid not cached and the key set refresh failed", kid: kid)
    }

    /// Kids longer than this are not remembered, so hostile kids cannot grow the memory past
    /// `missedKidCapacity` times this size.
    private static let maximumRememberedKidBytes = 256

    private func rememberMiss(_ state: inout State, kid: String?, now: Date) {
        guard (kid?.utf8.count ?? 0) <= Self.maximumRememberedKidBytes else { return }
        if state.missedKids.count >= policy.missedKidCapacity {
            state.missedKids = state.missedKids.filter { now.timeIntervalSince($0.value) < policy.missedKidMemory }
        }
        if state.missedKids.count < policy.missedKidCapacity { state.missedKids[kid ?? ""] = now }
    }

    /// Starts the one fetch; the task updates the state before it finishes, so waiters see the result.
    private func startFetch(_ state: inout State, now: Date) -> Task<Void, Never> {
        state.lastAttemptAt = now
        let source = self.source
        let timeout = policy.fetchTimeout
        let task = Task {
            let outcome = await withDeadline(
                seconds: timeout,
                onTimeout: Result<JWKSDocument, AccessTokenError>.failure(AccessTokenError(.jwksUnavailable, "timeout"))
            ) {
                do throws(AccessTokenError) {
                    return .success(try await source.fetchJWKS())
                } catch {
                    return .failure(error)
                }
            }
            self.finishFetch(outcome)
        }
        state.inFlight = task
        return task
    }

    private func finishFetch(_ outcome: Result<JWKSDocument, AccessTokenError>) {
        let now = clock.now()
        var parsed: Result<(JSONWebKeySet, Double), AccessTokenError>
        switch outcome {
        case .success(let document):
            do {
                let set = try JSONWebKeySet(parsing: document.body, logger: logger)
                let requested = document.maxAge ?? policy.defaultTTL
                let ttl = min(max(requested, policy.ttlBounds.lowerBound), policy.ttlBounds.upperBound)
                parsed = .success((set, ttl))
            } catch {
                parsed = .failure(error)
            }
        case .failure(let error):
            parsed = .failure(error)
        }

        state.withLock { state in
            state.inFlight = nil
            state.lastFetchFailed = true
            if case .success(let (set, ttl)) = parsed {
                state.lastFetchFailed = false
                state.keys = set.keys
                state.fetchedAt = now
                state.expiresAt = now.addingTimeInterval(ttl)
                state.missedKids = [:]
            }
        }
        switch parsed {
        case .success(let (set, ttl)):
            logger.debug(
                "jwks.fetch.succeeded",
                [
                    "jwks.location": source.location, "jwks.keys": String(set.keys.count),
                    "jwks.skipped": String(set.skipped.count), "jwks.ttl_seconds": String(Int(ttl)),
                ]
            )
        case .failure(let error):
            logger.warning("jwks.fetch.failed", ["jwks.location": source.location, "error.detail": error.detail])
        }
    }
}
