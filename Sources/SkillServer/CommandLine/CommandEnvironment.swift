import Foundation
import SkillSupport

/// What a command may touch outside its arguments: output streams, the clock and logging.
/// Tests run commands in-process with captured output.
struct CommandEnvironment: Sendable {
    var standardOutput: @Sendable (String) -> Void
    var standardError: @Sendable (String) -> Void
    var standardInput: @Sendable () -> Data
    var logger: Logger
    var clock: any WallClock

    static func process(logLevel: LogLevel) -> CommandEnvironment {
        CommandEnvironment(
            standardOutput: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
            standardError: { text in FileHandle.standardError.write(Data(text.utf8)) },
            standardInput: { FileHandle.standardInput.readDataToEndOfFile() },
            logger: Logger(label: "skill-server", minimumLevel: logLevel),
            clock: SystemWallClock()
        )
    }
}
