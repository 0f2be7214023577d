/// Timing rules of `JWKSCache`; all durations in seconds.
public struct JWKSCachePolicy: Sendable {
    /// Lifetime of a fetched set when the response names none.
    public var defaultTTL: Double = 600
    /// `Cache-Control: max-age` is clamped into this range, so an issuer can neither make us
    /// fetch on every request nor keep a removed key alive for days.
    public var ttlBounds: ClosedRange<Double> = 60...3600
    /// After a fetch (or a failed one), a token with an unknown `kid` triggers no new fetch for this long.
    public var unknownKidCooldown: Double = 30
    /// A `kid` absent from a set fetched after the token arrived is remembered this long, and
    /// refused without traffic (cleared by the next successful fetch).
    public var missedKidMemory: Double = 300
    /// At most this many missed `kid`s are remembered.
    public var missedKidCapacity: Int = 1024
    /// When refreshing fails, the last good set keeps serving until it is this old, then tokens are refused.
    public var maximumStaleness: Double = 24 * 3600
    /// A fetch that takes longer counts as failed, so a voice request never waits past Alexa's 8-second budget.
    public var fetchTimeout: Double = 2

    /// The defaults: TTL 10 min within 1 min...1 h, cooldown 30 s, staleness 24 h, timeout 2 s.
    public init() {}
}
