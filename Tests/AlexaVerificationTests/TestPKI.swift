import Foundation

/// A private PKI made by the tests with the `openssl` command: a root, an intermediate, and
/// leaves with various defects, all with fixed validity windows around `referenceTime`.
final class TestPKI: Sendable {
    /// The time the tests verify at, unless they move it.
    static let referenceTime = Date(timeIntervalSince1970: 1_780_272_000)  // 2026-06-01T00:00:00Z

    /// One PKI per test process (key generation takes a moment), or why it could not be made.
    static let shared: Result<TestPKI, PKIError> = Result { () throws(PKIError) in try TestPKI() }

    static var available: Bool {
        if case .success = shared { return true }
        return false
    }

    /// The PKI, or a visible skip reason.
    static func get() throws -> TestPKI {
        try shared.get()
    }

    let directory: URL
    let rootPEM: [UInt8]
    let intermediatePEM: [UInt8]
    /// Valid 2026-01-01…2027-01-01, SAN echo-api.amazon.com, signed by the intermediate.
    let leafPEM: [UInt8]
    let expiredLeafPEM: [UInt8]
    let notYetValidLeafPEM: [UInt8]
    /// CN echo-api.amazon.com, but SAN only look-alike names.
    let wrongNameLeafPEM: [UInt8]
    /// Self-signed, SAN echo-api.amazon.com, not issued by the test root.
    let selfSignedLeafPEM: [UInt8]
    /// An intermediate that expires 2026-07-01, before the leaf it issued (valid 2026-01-01…2027-01-01).
    let shortIntermediatePEM: [UInt8]
    let leafUnderShortIntermediatePEM: [UInt8]

    /// The good chain as published: leaf, then intermediate.
    var chainPEM: [UInt8] { leafPEM + intermediatePEM }

    enum Key: String {
        /// The key of every issued test leaf.
        case leaf = "leaf.key"
        /// A key no certificate of the chain carries.
        case other = "other.key"
    }

    private init() throws(PKIError) {
        guard let openssl = Self.findOpenSSL() else { throw PKIError("the openssl command is not installed") }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("alexa-test-pki-\(UUID().uuidString)")
        self.directory = directory
        let tool = OpenSSLTool(executable: openssl, directory: directory)
        do {
            try FileManager.default.createDirectory(
                at: directory.appendingPathComponent("issued"),
                withIntermediateDirectories: true
            )
            try Data().write(to: directory.appendingPathComponent("index.txt"))
            try Data("1000\n".utf8).write(to: directory.appendingPathComponent("serial"))
            try Data(Self.configuration.utf8).write(to: directory.appendingPathComponent("ca.cnf"))
        } catch {
            throw PKIError("cannot prepare \(directory.path): \(error)")
        }

        for key in ["root.key", "intermediate.key", Key.leaf.rawValue, Key.other.rawValue] {
            try tool.run(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key])
        }
        try tool.issue(
            "root",
            key: "root.key",
            subject: "/CN=Alexa Test Root",
            extensions: "v3_root",
            window: ("20200101000000Z", "20400101000000Z"),
            issuer: nil
        )
        try tool.issue(
            "intermediate",
            key: "intermediate.key",
            subject: "/CN=Alexa Test Intermediate",
            extensions: "v3_intermediate",
            window: ("20210101000000Z", "20390101000000Z"),
            issuer: ("root.pem", "root.key")
        )
        let byIntermediate = ("intermediate.pem", "intermediate.key")
        let leafSubject = "/CN=echo-api.amazon.com"
        try tool.issue(
            "leaf",
            key: Key.leaf.rawValue,
            subject: leafSubject,
            extensions: "v3_leaf",
            window: ("20260101000000Z", "20270101000000Z"),
            issuer: byIntermediate
        )
        try tool.issue(
            "expired",
            key: Key.leaf.rawValue,
            subject: leafSubject,
            extensions: "v3_leaf",
            window: ("20250101000000Z", "20260101000000Z"),
            issuer: byIntermediate
        )
        try tool.issue(
            "not-yet-valid",
            key: Key.leaf.rawValue,
            subject: leafSubject,
            extensions: "v3_leaf",
            window: ("20270101000000Z", "20280101000000Z"),
            issuer: byIntermediate
        )
        try tool.issue(
            "wrong-name",
            key: Key.leaf.rawValue,
            subject: leafSubject,
            extensions: "v3_wrong_name",
            window: ("20260101000000Z", "20270101000000Z"),
            issuer: byIntermediate
        )
        try tool.issue(
            "self-signed",
            key: Key.other.rawValue,
            subject: leafSubject,
            extensions: "v3_leaf",
            window: ("20260101000000Z", "20270101000000Z"),
            issuer: nil
        )

        try tool.issue(
            "short-intermediate",
            key: "intermediate.key",
            subject: "/CN=Alexa Test Short-Lived Intermediate",
            extensions: "v3_intermediate",
            window: ("20210101000000Z", "20260701000000Z"),
            issuer: ("root.pem", "root.key")
        )
        try tool.issue(
            "leaf-under-short-intermediate",
            key: Key.leaf.rawValue,
            subject: leafSubject,
            extensions: "v3_leaf",
            window: ("20260101000000Z", "20270101000000Z"),
            issuer: ("short-intermediate.pem", "intermediate.key")
        )

        rootPEM = try tool.read("root.pem")
        intermediatePEM = try tool.read("intermediate.pem")
        leafPEM = try tool.read("leaf.pem")
        expiredLeafPEM = try tool.read("expired.pem")
        notYetValidLeafPEM = try tool.read("not-yet-valid.pem")
        wrongNameLeafPEM = try tool.read("wrong-name.pem")
        selfSignedLeafPEM = try tool.read("self-signed.pem")
        shortIntermediatePEM = try tool.read("short-intermediate.pem")
        leafUnderShortIntermediatePEM = try tool.read("leaf-under-short-intermediate.pem")
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Path of a file inside the PKI directory (for `--ca-file` style options).
    func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    /// Base64 RSA PKCS#1 v1.5 signature of `message`, made by `openssl dgst`.
    func sign(_ message: [UInt8], with key: Key = .leaf, digest: String = "sha256") throws -> String {
        guard let openssl = Self.findOpenSSL() else { throw PKIError("the openssl command is not installed") }
        let tool = OpenSSLTool(executable: openssl, directory: directory)
        let name = "message-\(UUID().uuidString)"
        try Data(message).write(to: directory.appendingPathComponent(name))
        defer {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name + ".sig"))
        }
        try tool.run(["dgst", "-\(digest)", "-sign", key.rawValue, "-out", name + ".sig", name])
        return Data(try tool.read(name + ".sig")).base64EncodedString()
    }

    static func findOpenSSL() -> String? {
        ["/usr/bin/openssl", "/usr/local/bin/openssl", "/opt/homebrew/bin/openssl"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private static let configuration = """
        [ ca ]
        default_ca = test_ca
        [ test_ca ]
        database = ./index.txt
        new_certs_dir = ./issued
        serial = ./serial
        default_md = sha256
        policy = policy_any
        unique_subject = no
        email_in_dn = no
        [ policy_any ]
        commonName = supplied
        [ req ]
        distinguished_name = request_name
        [ request_name ]
        [ v3_root ]
        basicConstraints = critical,CA:true
        keyUsage = critical,keyCertSign,cRLSign
        subjectKeyIdentifier = hash
        [ v3_intermediate ]
        basicConstraints = critical,CA:true,pathlen:0
        keyUsage = critical,keyCertSign,cRLSign
        subjectKeyIdentifier = hash
        authorityKeyIdentifier = keyid
        [ v3_leaf ]
        basicConstraints = critical,CA:false
        keyUsage = critical,digitalSignature,keyEncipherment
        extendedKeyUsage = serverAuth
        subjectAltName = DNS:echo-api.amazon.com
        [ v3_wrong_name ]
        basicConstraints = critical,CA:false
        keyUsage = critical,digitalSignature,keyEncipherment
        extendedKeyUsage = serverAuth
        subjectAltName = DNS:echo-api.amazon.com.evil.example,DNS:xecho-api.amazon.com,DNS:api.amazon.com
        """
}

struct PKIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs the `openssl` command inside the PKI directory.
private struct OpenSSLTool {
    let executable: String
    let directory: URL

    func run(_ arguments: [String]) throws(PKIError) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw PKIError("cannot start openssl: \(error)")
        }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: message, as: UTF8.self)
            throw PKIError("openssl \(arguments.first ?? "") failed: \(text)")
        }
    }

    /// Issues `<name>.pem` for `key` with an explicit validity window; `issuer` nil self-signs.
    func issue(
        _ name: String,
        key: String,
        subject: String,
        extensions: String,
        window: (start: String, end: String),
        issuer: (certificate: String, key: String)?
    ) throws(PKIError) {
        try run(["req", "-new", "-config", "ca.cnf", "-key", key, "-subj", subject, "-out", name + ".csr"])
        var arguments = [
            "ca", "-batch", "-notext", "-config", "ca.cnf", "-extensions", extensions,
            "-startdate", window.start, "-enddate", window.end, "-in", name + ".csr", "-out", name + ".pem",
        ]
        if let issuer {
            arguments += ["-cert", issuer.certificate, "-keyfile", issuer.key]
        } else {
            arguments += ["-selfsign", "-keyfile", key]
        }
        try run(arguments)
    }

    func read(_ name: String) throws(PKIError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else {
            throw PKIError("cannot read \(name)")
        }
        return Array(data)
    }
}
