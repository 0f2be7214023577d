import Foundation
import Synchronization

/// Where log records go.
public protocol LogSink: Sendable {
    func write(_ record: LogRecord)
}

/// Writes each record as one line on standard error.
public struct StandardErrorLogSink: LogSink {
    public init() {}

    public func write(_ record: LogRecord) {
        let line = record.formattedLine + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}

/// Keeps records in memory, for tests that assert on what was logged.
public final class InMemoryLogSink: LogSink {
    private let stored = Mutex<[LogRecord]>([])

    public init() {}

    public func write(_ record: LogRecord) {
        stored.withLock { $0.append(record) }
    }

    /// Every record written so far, oldest first.
    public var records: [LogRecord] {
        stored.withLock { $0 }
    }

    /// All records as formatted lines, for asserting that something never appears.
    public var text: String {
        records.map(\.formattedLine).joined(separator: "\n")
    }
}
