import Foundation

/// One event: a constant event name plus data in lower-case dotted metadata keys
/// (`jwt.kid`, `http.status`). Never put tokens, codes, secrets or signatures in metadata.
public struct LogRecord: Sendable, Equatable {
    public var time: Date
    public var level: LogLevel
    public var label: String
    public var event: String
    public var metadata: [String: String]

    public init(time: Date, level: LogLevel, label: String, event: String, metadata: [String: String]) {
        self.time = time
        self.level = level
        self.label = label
        self.event = event
        self.metadata = metadata
    }

    /// The record as one `key=value` line; values with spaces, quotes or `=` are quoted.
    public var formattedLine: String {
        var fields = [
            "ts=\(Self.timestampFormat.format(time))",
            "level=\(level.name)",
            "logger=\(Self.quoted(label))",
            "event=\(Self.quoted(event))",
        ]
        for key in metadata.keys.sorted() {
            fields.append("\(key)=\(Self.quoted(metadata[key] ?? ""))")
        }
        return fields.joined(separator: " ")
    }

    private static let timestampFormat = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    private static func quoted(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }
        guard needsQuotes else { return value }
        let escaped =
            value
            .replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\r", with: "\\r")
        return "\"\(escaped)\""
    }
}
