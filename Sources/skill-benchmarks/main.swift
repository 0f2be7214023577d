import Foundation

// Runs every benchmark suite and prints its figures: `swift run -c release skill-benchmarks`.
// Add a suite by writing a `BenchmarkSuite` in its own file and listing it here.
let suites: [any BenchmarkSuite] = [
    TokenVerificationBenchmark(),
    RequestVerificationBenchmark(),
]

var failed = false
for suite in suites {
    print("== \(suite.name)")
    do {
        try await suite.run()
    } catch {
        print("\(suite.name): failed: \(error)")
        failed = true
    }
}
exit(failed ? 1 : 0)
