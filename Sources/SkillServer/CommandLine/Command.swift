/// A `skill-server` subcommand.
protocol Command: Sendable {
    /// The subcommand name, for example `serve`.
    static var name: String { get }
    /// One line for the command list.
    static var summary: String { get }
    /// The synopsis after the command name, for example `--port P --issuer URL`.
    static var usage: String { get }
    static var options: [OptionSpec] { get }

    /// Runs the command and returns the process exit status.
    static func run(_ arguments: ParsedArguments, environment: CommandEnvironment) async throws -> Int32
}

extension Command {
    static var helpText: String {
        var lines = ["usage: skill-server \(name) \(usage)", "", summary]
        if !options.isEmpty {
            lines.append("")
            lines.append("options:")
            let width = options.map { option in option.synopsis.count }.max() ?? 0
            for option in options {
                let padding = String(repeating: " ", count: width - option.synopsis.count)
                lines.append("  \(option.synopsis)\(padding)  \(option.help)")
            }
            lines.append("  --help\(String(repeating: " ", count: max(0, width - 6)))  show this help")
        }
        return lines.joined(separator: "\n")
    }
}
