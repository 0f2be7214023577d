/// A command line that cannot be run as written. Reported in one line; the process exits with 2.
struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    var message: String

    init(_ message: String) {
        self.message = message
    }

    var description: String { message }
}
