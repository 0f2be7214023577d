import Foundation

/// `Tests/helpers/authlib_token_server.py` (Authlib on Flask) running on 127.0.0.1 for one test.
/// Needs python3 with the packages pinned in `Tests/requirements.txt`.
final class AuthlibIssuer {
    static let script = URL(filePath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appending(path: "helpers/authlib_token_server.py")

    /// Whether python3 can import everything the helper needs.
    static let available: Bool = {
        let probe = Process()
        probe.executableURL = URL(filePath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import authlib, flask, jwt, werkzeug"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        do {
            try probe.run()
        } catch {
            return false
        }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()

    let baseURL: URL
    private let process: Process
    /// Closing it tells the helper to exit.
    private let input: Pipe

    struct StartFailure: Error {
        var detail: String
    }

    init(arguments: [String]) throws {
        let process = Process()
        let output = Pipe()
        let input = Pipe()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = ["python3", Self.script.path] + arguments
        process.standardOutput = output
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()

        // The first stdout line is the port; end of file means the helper died first.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let port = UInt16(text), let url = URL(string: "http://127.0.0.1:\(port)") else {
            try? input.fileHandleForWriting.close()
            process.terminate()
            throw StartFailure(detail: "the helper printed no port: \(text)")
        }
        self.process = process
        self.input = input
        baseURL = url
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.terminate()
    }
}
