import Foundation

/// A small structured logger: one line per event, constant event names, data in metadata.
///
/// Libraries log at `debug` and `trace`; the executable decides what reaches the output.
public struct Logger: Sendable {
    public let label: String
    public var minimumLevel: LogLevel
    public var metadata: [String: String]
    private let sink: any LogSink
    private let clock: any WallClock

    public init(
        label: String,
        minimumLevel: LogLevel = .info,
        sink: any LogSink = StandardErrorLogSink(),
        clock: any WallClock = SystemWallClock(),
        metadata: [String: String] = [:]
    ) {
        self.label = label
        self.minimumLevel = minimumLevel
        self.sink = sink
        self.clock = clock
        self.metadata = metadata
    }

    /// A logger that drops everything.
    public static let disabled = Logger(label: "disabled", minimumLevel: .error, sink: DiscardingLogSink())

    /// The same logger under another label, keeping sink, level and metadata.
    public func named(_ label: String) -> Logger {
        Logger(label: label, minimumLevel: minimumLevel, sink: sink, clock: clock, metadata: metadata)
    }

    /// The same logger with extra metadata on every line (a request id, for example).
    public func with(_ extra: [String: String]) -> Logger {
        var copy = self
        copy.metadata.merge(extra) { _, new in new }
        return copy
    }

    public func log(_ level: LogLevel, _ event: String, _ data: [String: String] = [:]) {
        guard level >= minimumLevel else { return }
        let merged = metadata.merging(data) { _, new in new }
        sink.write(LogRecord(time: clock.now(), level: level, label: label, event: event, metadata: merged))
    }

    public func trace(_ event: String, _ data: [String: String] = [:]) { log(.trace, event, data) }
    public func debug(_ event: String, _ data: [String: String] = [:]) { log(.debug, event, data) }
    public func info(_ event: String, _ data: [String: String] = [:]) { log(.info, event, data) }
    public func notice(_ event: String, _ data: [String: String] = [:]) { log(.notice, event, data) }
    public func warning(_ event: String, _ data: [String: String] = [:]) { log(.warning, event, data) }
    public func error(_ event: String, _ data: [String: String] = [:]) { log(.error, event, data) }
}

private struct DiscardingLogSink: LogSink {
    func write(_ record: LogRecord) {}
}
