import Foundation
import SkillSupport

/// The `skill-server` command line: picks the subcommand, parses its options and runs it.
///
/// Exit status: 0 success; 1 a negative answer (an invalid token or request) or a runtime
/// failure; 2 a usage error, reported in one line.
public enum SkillServerCommandLine {
    static let commands: [any Command.Type] = [
        ServeSubcommand.self,
        DevIssuerSubcommand.self,
        MintTokenSubcommand.self,
        FetchTokenSubcommand.self,
        VerifyTokenSubcommand.self,
        VerifyRequestSubcommand.self,
        ReplaySubcommand.self,
    ]

    /// Runs `arguments` (without the program name) and returns the exit status.
    public static func run(_ arguments: [String]) async -> Int32 {
        let level = ProcessInfo.processInfo.environment["SKILL_LOG_LEVEL"].flatMap(LogLevel.init(name:)) ?? .info
        return await run(arguments, environment: .process(logLevel: level))
    }

    static func run(_ arguments: [String], environment: CommandEnvironment) async -> Int32 {
        guard let name = arguments.first, name != "--help", name != "-h", name != "help" else {
            environment.standardOutput(overview + "\n")
            return arguments.isEmpty ? 2 : 0
        }
        guard let command = commands.first(where: { $0.name == name }) else {
            environment.standardError("skill-server: unknown command '\(name)' (see skill-server --help)\n")
            return 2
        }
        do {
            let parsed = try ParsedArguments(Array(arguments.dropFirst()), options: command.options)
            if parsed.helpRequested {
                environment.standardOutput(command.helpText + "\n")
                return 0
            }
            return try await command.run(parsed, environment: environment)
        } catch let error as UsageError {
            environment.standardError("skill-server \(name): \(error.message)\n")
            return 2
        } catch {
            environment.standardError("skill-server \(name): \(error)\n")
            return 1
        }
    }

    static var overview: String {
        let width = commands.map { command in command.name.count }.max() ?? 0
        let list = commands.map { command in
            "  \(command.name)\(String(repeating: " ", count: width - command.name.count))  \(command.summary)"
        }
        return
            (["usage: skill-server <command> [options]", "", "commands:"] + list
            + ["", "Run 'skill-server <command> --help' for a command's options."])
            .joined(separator: "\n")
    }
}
