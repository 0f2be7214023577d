import Foundation
import HTTPServer
import Testing

/// HTTPS with a throw-away self-signed certificate made by the `openssl` command for each run;
/// requests go through the `curl` command, which can trust exactly that certificate.
@Suite("TLS")
struct TLSTests {
    static let tools = ExternalTools.find(["openssl", "curl"])

    @Test(
        "HTTPS round trip with a self-signed certificate, two requests on one connection",
        .enabled(if: tools != nil, "needs the openssl and curl commands")
    )
    func roundTrip() async throws {
        let tools = try #require(Self.tools)
        let identity = try await SelfSignedIdentity.make(openssl: tools["openssl"])
        defer { identity.remove() }
        let (server, port) = try startServer(HTTPServerConfiguration(tls: identity.tls), handler: echo)
        defer { server.stop() }

        let output = try await run(
            tools["curl"],
            [
                "--silent", "--show-error", "--cacert", identity.certificatePath, "--max-time", "10",
                "--include", "--data-binary", "secure body",
                "https://127.0.0.1:\(port)/secure?x=1", "https://127.0.0.1:\(port)/again",
            ]
        )
        #expect(output.status == 0)
        #expect(output.text.contains("X-Path: /secure"))
        #expect(output.text.contains("X-Query: x=1"))
        #expect(output.text.contains("X-Path: /again"))
        #expect(output.text.components(separatedBy: "secure body").count == 3)
    }

    @Test(
        "TLS 1.0 and 1.1 are refused; TLS 1.2 and 1.3 are served",
        .enabled(if: tools != nil, "needs the openssl and curl commands")
    )
    func protocolVersions() async throws {
        let tools = try #require(Self.tools)
        let identity = try await SelfSignedIdentity.make(openssl: tools["openssl"])
        defer { identity.remove() }
        let (server, port) = try startServer(HTTPServerConfiguration(tls: identity.tls), handler: echo)
        defer { server.stop() }

        func attempt(_ versionOptions: [String]) async throws -> String {
            let output = try await run(
                tools["curl"],
                [
                    "--silent", "--max-time", "10", "--cacert", identity.certificatePath, "--output", "/dev/null",
                    "--write-out", "%{http_code}", "--ciphers", "DEFAULT@SECLEVEL=0",
                ] + versionOptions + ["https://127.0.0.1:\(port)/"]
            )
            return output.text
        }
        #expect(try await attempt(["--tlsv1.0", "--tls-max", "1.0"]) == "000")
        #expect(try await attempt(["--tlsv1.1", "--tls-max", "1.1"]) == "000")
        #expect(try await attempt(["--tlsv1.2", "--tls-max", "1.2"]) == "200")
        #expect(try await attempt(["--tlsv1.3"]) == "200")
    }

    @Test(
        "A client that does not trust the certificate is refused by the handshake",
        .enabled(if: tools != nil, "needs the openssl and curl commands")
    )
    func untrustedClient() async throws {
        let tools = try #require(Self.tools)
        let identity = try await SelfSignedIdentity.make(openssl: tools["openssl"])
        defer { identity.remove() }
        let (server, port) = try startServer(HTTPServerConfiguration(tls: identity.tls), handler: echo)
        defer { server.stop() }
        let output = try await run(tools["curl"], ["--silent", "--max-time", "10", "https://127.0.0.1:\(port)/"])
        #expect(output.status == 60)
    }

    @Test(
        "Plain HTTP to the HTTPS port gets no HTTP answer",
        .enabled(if: tools != nil, "needs the openssl and curl commands")
    )
    func plainHTTPRefused() async throws {
        let tools = try #require(Self.tools)
        let identity = try await SelfSignedIdentity.make(openssl: tools["openssl"])
        defer { identity.remove() }
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

    @Test(
        "A leaf certificate followed by its intermediate: clients trusting only the root accept it",
        .enabled(if: tools != nil, "needs the openssl and curl commands")
    )
    func chainWithIntermediate() async throws {
        let tools = try #require(Self.tools)
        let pki = try await TestPKI.make(openssl: tools["openssl"])
        defer { pki.remove() }
        let chained = TLSIdentity(certificatePEM: pki.leafPEM + pki.intermediatePEM, privateKeyPEM: pki.leafKeyPEM)
        let leafOnly = TLSIdentity(certificatePEM: pki.leafPEM, privateKeyPEM: pki.leafKeyPEM)
        let (withChain, chainPort) = try startServer(HTTPServerConfiguration(tls: chained), handler: echo)
        defer { withChain.stop() }
        let (withoutChain, leafPort) = try startServer(HTTPServerConfiguration(tls: leafOnly), handler: echo)
        defer { withoutChain.stop() }

        let arguments = [
            "--silent", "--max-time", "10", "--cacert", pki.rootPath, "--output", "/dev/null",
            "--write-out", "%{http_code}",
        ]
        let accepted = try await run(tools["curl"], arguments + ["https://127.0.0.1:\(chainPort)/chain"])
        let refused = try await run(tools["curl"], arguments + ["https://127.0.0.1:\(leafPort)/chain"])
        #expect(accepted.status == 0)
        #expect(accepted.text == "200")
        // Without the intermediate the client cannot build a path to the root it trusts.
        #expect(refused.status == 60)
    }

    @Test("A certificate or key that is not PEM is refused with tls_invalid")
    func invalidIdentity() {
        let server = HTTPServer(
            configuration: HTTPServerConfiguration(
                host: "127.0.0.1",
                tls: TLSIdentity(certificatePEM: "not a certificate", privateKeyPEM: "not a key")
            ),
            handler: ClosureHTTPHandler(echo)
        )
        let error = #expect(throws: HTTPServerError.self) { try server.start() }
        #expect(error?.code == .tlsInvalid)
        #expect(server.port == nil)
    }
}

/// A key and self-signed certificate for 127.0.0.1, in a fresh temporary directory.
struct SelfSignedIdentity {
    let tls: TLSIdentity
    let certificatePath: String
    let directory: URL

    /// Deletes the key and certificate files.
    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    static func make(openssl: String) async throws -> SelfSignedIdentity {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("http-server-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let keyPath = directory.appendingPathComponent("key.pem").path
        let certificatePath = directory.appendingPathComponent("cert.pem").path
        let output = try await run(
            openssl,
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", keyPath, "-out", certificatePath,
            ]
        )
        guard output.status == 0 else { throw RawClientError(description: "openssl failed: \(output.text)") }
        let identity = TLSIdentity(
            certificatePEM: try String(contentsOfFile: certificatePath, encoding: .utf8),
            privateKeyPEM: try String(contentsOfFile: keyPath, encoding: .utf8)
        )
        return SelfSignedIdentity(tls: identity, certificatePath: certificatePath, directory: directory)
    }
}

/// A root, an intermediate signed by it, and a leaf for 127.0.0.1 signed by the intermediate.
struct TestPKI {
    let rootPath: String
    let intermediatePEM: String
    let leafPEM: String
    let leafKeyPEM: String
    let directory: URL

    /// Deletes the keys and certificates.
    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    static func make(openssl: String) async throws -> TestPKI {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("http-server-pki-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
        try "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n"
            .write(toFile: path("ca.ext"), atomically: true, encoding: .utf8)
        try "basicConstraints=CA:FALSE\nsubjectAltName=IP:127.0.0.1\n"
            .write(toFile: path("leaf.ext"), atomically: true, encoding: .utf8)

        let steps: [[String]] = [
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=HTTPServer Test Root",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-keyout", path("root.key"), "-out", path("root.pem"),
            ],
            [
                "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=HTTPServer Test Intermediate",
                "-keyout", path("intermediate.key"), "-out", path("intermediate.csr"),
            ],
            [
                "x509", "-req", "-in", path("intermediate.csr"), "-CA", path("root.pem"), "-CAkey", path("root.key"),
                "-set_serial", "2", "-days", "2", "-extfile", path("ca.ext"), "-out", path("intermediate.pem"),
            ],
            [
                "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                "-keyout", path("leaf.key"), "-out", path("leaf.csr"),
            ],
            [
                "x509", "-req", "-in", path("leaf.csr"), "-CA", path("intermediate.pem"),
                "-CAkey", path("intermediate.key"), "-set_serial", "3", "-days", "2",
                "-extfile", path("leaf.ext"), "-out", path("leaf.pem"),
            ],
        ]
        for step in steps {
            let output = try await run(openssl, step)
            guard output.status == 0 else { throw RawClientError(description: "openssl failed: \(output.text)") }
        }
        return TestPKI(
            rootPath: path("root.pem"),
            intermediatePEM: try String(contentsOfFile: path("intermediate.pem"), encoding: .utf8),
            leafPEM: try String(contentsOfFile: path("leaf.pem"), encoding: .utf8),
            leafKeyPEM: try String(contentsOfFile: path("leaf.key"), encoding: .utf8),
            directory: directory
        )
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
