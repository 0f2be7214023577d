/// A group of measurements printed together; each suite lives in its own file and is listed in `main.swift`.
protocol BenchmarkSuite: Sendable {
    var name: String { get }
    func run() async throws
}

/// Timing helpers: several rounds of many iterations, reporting the median round, so one
/// scheduling hiccup on a shared machine does not decide the figure.
enum Benchmark {
    /// Nanoseconds per operation of `body` over `rounds` rounds of `iterations` calls (median round).
    static func nanosecondsPerOperation(
        iterations: Int,
        rounds: Int = 9,
        _ body: () async throws -> Void
    ) async rethrows -> Double {
        for _ in 0..<max(iterations / 10, 1) { try await body() }
        var perRound: [Double] = []
        for _ in 0..<rounds {
            perRound.append(try await timeRound(iterations: iterations, body))
        }
        return median(perRound)
    }

    /// Runs `first` and `second` in alternating rounds, so drift in machine load hits both alike.
    /// Returns the median time of each and the median of the per-round ratios second / first.
    static func interleaved(
        iterations: Int,
        rounds: Int = 21,
        _ first: () async throws -> Void,
        _ second: () async throws -> Void
    ) async rethrows -> (first: Double, second: Double, ratio: Double) {
        for _ in 0..<max(iterations / 10, 1) {
            try await first()
            try await second()
        }
        var firstRounds: [Double] = []
        var secondRounds: [Double] = []
        for _ in 0..<rounds {
            firstRounds.append(try await timeRound(iterations: iterations, first))
            secondRounds.append(try await timeRound(iterations: iterations, second))
        }
        let ratios = zip(firstRounds, secondRounds).map { $1 / $0 }
        return (median(firstRounds), median(secondRounds), median(ratios))
    }

    private static func timeRound(iterations: Int, _ body: () async throws -> Void) async rethrows -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<iterations { try await body() }
        let elapsed = clock.now - start
        let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        return nanoseconds / Double(iterations)
    }

    private static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[sorted.count / 2]
    }

    /// `12.3 µs` style text.
    static func format(nanoseconds: Double) -> String {
        let microseconds = (nanoseconds / 100).rounded() / 10
        return "\(microseconds) µs"
    }
}

/// A benchmark failed to set up.
struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
}
