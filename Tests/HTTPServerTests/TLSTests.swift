import Foundation
import HTTPServer
import Testing

/// HTTPS with a throw-away self-signed certificate made by the `openssl` command for each run;
/// requests go through the `curl` command, which can trust exactly that certificate.
@Suite("TLS")
struct TLSTests {
    static let tools = ExternalTools.find(["openssl", "curl"])

    @Test("HTTPS round trip with a self-signed certificate, two requests on one connection",
          .enabled(if: tools != nil, "needs the openssl and curl commands"))
    func roundTrip() async throws {
        let tools = try #require(Self.tools)
        let identity = try await SelfSignedIdentity.make(openssl: tools["openssl"])
        let (server, port) = try startServer(HTTPServerConfiguration(tls: identity.tls), handler: echo)
        defer { server.stop() }

        let output = try await run(tools["curl"], [
            "--silent", "--show-error", "--cacert", identity.certificatePath, "--max-time", "10",
            "--include", "--data-binary", "secure body",
            "https://127.0.0.1:\(port)/secure?x=1", "https://127.0.0.1:\(port)/again",
        ])
        #expect(output.status == 0)
        #expect(output.text.contains("X-Path: /secure"))
        #expect(output.text.contains("X-Query: x=1"))
        #expect(output.text.contains("X-Path: /again"))
        #expect(output.text.components(separatedBy: "secure body").count == 3)
    }

    @Test("A client that does not trust the certificate is refused by the handshake",
          .enabled(if: tools != nil, "needs the openssl and curl commands"))
    func untrustedClient() async throws {
        let tools = try #require(Self.tools)
        let identity = try await SelfSignedIdentity.make(openssl: tools["openssl"])
        let (server, port) = try startServer(HTTPServerConfiguration(tls: identity.tls), handler: echo)
        defer { server.stop() }
        let output = try await run(tools["curl"], ["--silent", "--max-time", "10", "https://127.0.0.1:\(port)/"])
        #expect(output.status == 60)
    }

    @Test("Plain HTTP to the HTTPS port gets no HTTP answer",
          .enabled(if: tools != nil, "needs the openssl and curl commands"))
    func plainHTTPRefused() async throws {
        let tools = try #require(Self.tools)
        let identity = try await SelfSignedIdentity.make(openssl: tools["openssl"])
        let calls = Counter()
        let (server, port) = try startServer(HTTPServerConfiguration(tls: identity.tls)) { request in
            calls.increment()
            return await echo(request)
        }
        defer { server.stop() }
        await #expect(throws: RawClientError.self) {
            _ = try await rawExchange(port: port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        }
        #expect(calls.count == 0)
    }

    @Test("A certificate or key that is not PEM is refused with tls_invalid")
    func invalidIdentity() {
        let server = HTTPServer(
            configuration: HTTPServerConfiguration(
                host: "127.0.0.1",
                tls: TLSIdentity(certificatePEM: "not a certificate", privateKeyPEM: "not a key")),
            handler: ClosureHTTPHandler(echo))
        let error = #expect(throws: HTTPServerError.self) { try server.start() }
        #expect(error?.code == .tlsInvalid)
        #expect(server.port == nil)
    }
}

/// A key and self-signed certificate for 127.0.0.1, in a fresh temporary directory.
struct SelfSignedIdentity {
    let tls: TLSIdentity
    let certificatePath: String

    static func make(openssl: String) async throws -> SelfSignedIdentity {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("http-server-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let keyPath = directory.appendingPathComponent("key.pem").path
        let certificatePath = directory.appendingPathComponent("cert.pem").path
        let output = try await run(openssl, [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", keyPath, "-out", certificatePath,
        ])
        guard output.status == 0 else { throw RawClientError(description: "openssl failed: \(output.text)") }
        let identity = TLSIdentity(
            certificatePEM: try String(contentsOfFile: certificatePath, encoding: .utf8),
            privateKeyPEM: try String(contentsOfFile: keyPath, encoding: .utf8))
        return SelfSignedIdentity(tls: identity, certificatePath: certificatePath)
    }
}

/// Paths of command-line tools found on PATH.
struct ExternalTools: Sendable {
    private let paths: [String: String]

    static func find(_ names: [String]) -> ExternalTools? {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        var paths: [String: String] = [:]
        for name in names {
            let found = directories.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
            guard let found else { return nil }
            paths[name] = found
        }
        return ExternalTools(paths: paths)
    }

    subscript(name: String) -> String { paths[name] ?? name }
}

/// Runs a command to completion on its own thread, returning exit status and standard output.
func run(_ executable: String, _ arguments: [String]) async throws -> (status: Int32, text: String) {
    try await onOwnThread {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
