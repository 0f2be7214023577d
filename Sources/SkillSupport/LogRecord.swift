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

    /// The value as is when it is a plain token, else in double quotes with `"` and `\\` escaped
    /// and every control or line-breaking character written as `\u{…}`, so no value can end
    /// the line, forge another field or drive a terminal.
    private static func quoted(_ value: String) -> String {
        let plain =
            !value.isEmpty
            && value.unicodeScalars.allSatisfy { scalar in
                !isControl(scalar) && scalar != " " && scalar != "\"" && scalar != "=" && scalar != "\\"
            }
        guard !plain else { return value }
        var escaped = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where isControl(scalar): escaped += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }

    /// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }

}
