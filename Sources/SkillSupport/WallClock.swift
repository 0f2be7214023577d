import Foundation
import Synchronization

/// A source of the current time, injected into everything whose answer depends on it
/// (token expiry, certificate validity, request timestamps, cache ages), so tests move
/// time instead of sleeping.
public protocol WallClock: Sendable {
    /// The current time.
    func now() -> Date
}

/// The machine's real clock.
public struct SystemWallClock: WallClock {
    public init() {}

    public func now() -> Date { Date() }
}

/// A clock that stands still until a test moves it.
public final class ManualWallClock: WallClock {
    private let current: Mutex<Date>

    /// Creates a clock showing `start`.
    public init(_ start: Date) {
        current = Mutex(start)
    }

    /// Creates a clock showing `epochSeconds` seconds after 1970-01-01T00:00:00Z.
    public convenience init(epochSeconds: TimeInterval) {
        self.init(Date(timeIntervalSince1970: epochSeconds))
    }

    public func now() -> Date {
        current.withLock { $0 }
    }

    /// Moves the clock forward (or back, with a negative interval).
    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    /// Sets the clock to `date`.
    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}
