import Foundation
import SkillSupport
import Synchronization

/// A `skill-server` subcommand (`serve` or `dev-issuer`) run as a child process from
/// `.build/debug/skill-server`, on a port the system picks, read back from its start log line.
final class SkillServerProcess {
    static var executableAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: E2EPaths.serverExecutable)
    }

    private let process = Process()
    private let errors = OutputBuffer()
    private(set) var port = 0

    /// Starts `serve` with `arguments` (after `serve`) and debug logging, and waits until it listens.
    convenience init(arguments: [String]) async throws {
        try await self.init(
            command: ["serve", "--host", "127.0.0.1", "--port", "0"] + arguments,
            startedEvent: "server.started"
        )
    }

    /// Starts `skill-server` with `command` and debug logging, and waits for the `startedEvent`
    /// log line carrying `http.port`.
    init(command: [String], startedEvent: String) async throws {
        process.executableURL = URL(fileURLWithPath: E2EPaths.serverExecutable)
        process.arguments = command
        var environment = ProcessInfo.processInfo.environment
        environment["SKILL_LOG_LEVEL"] = "debug"
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardError = pipe
        let errors = errors
        pipe.fileHandleForReading.readabilityHandler = { handle in
            errors.append(handle.availableData)
        }
        try process.run()

        // A first start builds nothing, so a few seconds is plenty even on a busy machine.
        for _ in 0..<150 {
            if let port = Self.listeningPort(in: errors.text, event: startedEvent) {
                self.port = port
                return
            }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        terminate()
        throw E2EError("skill-server \(command.first ?? "") did not start listening; its output:\n\(errors.text)")
    }

    deinit {
        terminate()
    }

    var alexaURL: URL {
        URL(string: "http://127.0.0.1:\(port)/alexa") ?? URL(fileURLWithPath: "/")
    }

    /// `http://127.0.0.1:<port>/`, the issuer URL of a `dev-issuer` process.
    var rootURL: String {
        "http://127.0.0.1:\(port)/"
    }

    /// Everything the server logged so far.
    var standardError: String { errors.text }

    /// Sends SIGTERM and waits up to five seconds; the exit status, or nil if it is still running.
    func stop() async throws -> Int32? {
        terminate()
        for _ in 0..<50 where process.isRunning {
            try await Task.sleep(for: .milliseconds(100))
        }
        return process.isRunning ? nil : process.terminationStatus
    }

    private func terminate() {
        if process.isRunning { process.terminate() }
    }

    /// The port of the start line: `... event=server.started ... http.port=N ...`.
    private static func listeningPort(in text: String, event: String) -> Int? {
        for line in text.split(separator: "\n") where line.contains("event=\(event) ") {
            for field in line.split(separator: " ") where field.hasPrefix("http.port=") {
                return Int(field.dropFirst("http.port=".count))
            }
        }
        return nil
    }
}

/// Bytes a child process writes, collected from the pipe's reading thread.
private final class OutputBuffer: Sendable {
    private let data = Mutex(Data())

    func append(_ chunk: Data) {
        data.withLock { $0.append(chunk) }
    }

    var text: String {
        data.withLock { String(decoding: $0, as: UTF8.self) }
    }
}
