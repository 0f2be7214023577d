import Dispatch
import Foundation
import Synchronization

/// Runs the command-line tools the end-to-end tests lean on (`openssl`, `curl`).
enum E2EProcess {
    struct Outcome {
        var status: Int32
        var standardOutput: Data
        var standardError: String
    }

    /// The first executable called `name` in the usual system folders.
    static func find(_ name: String) -> String? {
        ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin", "/bin"]
            .map { "\($0)/\(name)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs to completion, collecting both outputs; blocks the calling thread.
    static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws(E2EError) -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw E2EError("cannot start \(executable): \(error)")
        }

        // Standard error is drained on a thread of its own so neither pipe can fill up and stall the
        // tool (not on a dispatch queue: Linux's pool does not grow when its threads block).
        let errorText = ErrorCollector()
        let drained = DispatchSemaphore(value: 0)
        Thread {
            errorText.set(errors.fileHandleForReading.readDataToEndOfFile())
            drained.signal()
        }.start()
        let standardOutput = output.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            standardOutput: standardOutput,
            standardError: errorText.text
        )
    }

    /// Runs and throws with the tool's own message when it exits with a failure.
    static func runChecked(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws(E2EError) {
        let outcome = try run(executable, arguments, in: directory)
        guard outcome.status == 0 else {
            throw E2EError("\(executable) \(arguments.first ?? "") failed: \(outcome.standardError)")
        }
    }

    /// `run` on a thread of its own, so waiting for the tool never holds a cooperative thread.
    static func runDetached(_ executable: String, _ arguments: [String]) async -> Result<Outcome, E2EError> {
        await withCheckedContinuation { continuation in
            Thread {
                continuation.resume(returning: Result { () throws(E2EError) in try run(executable, arguments) })
            }.start()
        }
    }
}

/// Standard error collected on a background thread.
private final class ErrorCollector: Sendable {
    private let data = Mutex(Data())

    func set(_ data: Data) { self.data.withLock { $0 = data } }

    var text: String { data.withLock { String(decoding: $0, as: UTF8.self) } }
}
