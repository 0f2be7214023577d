import Foundation

/// A private PKI for the end-to-end tests, made with the `openssl` command: a root, an
/// intermediate, Alexa's signing leaf (SAN `echo-api.amazon.com`) and a TLS server
/// certificate for `s3.amazonaws.com`. Unlike the unit tests' PKI, which verifies at a fixed
/// reference time, these certificates are valid around the real clock, because the server
/// under test reads the system time.
final class E2EPKI: Sendable {
    /// One PKI per test process (key generation takes a moment), or why it could not be made.
    static let shared: Result<E2EPKI, E2EError> = Result { () throws(E2EError) in try E2EPKI() }

    static var available: Bool {
        if case .success = shared { return true }
        return false
    }

    static func get() throws -> E2EPKI {
        try shared.get()
    }

    let directory: URL
    let rootPEM: String
    let intermediatePEM: String
    /// Alexa's signing certificate, issued by the intermediate.
    let signingLeafPEM: String
    /// The private key of `signingLeafPEM`, PEM.
    let signingKeyPEM: String
    /// The loopback HTTPS server's certificate (SAN `s3.amazonaws.com`), issued by the intermediate.
    let serverCertificatePEM: String
    let serverKeyPEM: String

    /// The chain as Amazon publishes it: leaf, then intermediate.
    var signingChainPEM: String { signingLeafPEM + intermediatePEM }

    /// What the loopback HTTPS server presents: its certificate, then the intermediate.
    var serverChainPEM: String { serverCertificatePEM + intermediatePEM }

    /// The root's file, for `--ca-file` and `curl --cacert`.
    var rootFile: String { directory.appendingPathComponent("root.pem").path }

    private init() throws(E2EError) {
        guard let openssl = E2EProcess.find("openssl") else { throw E2EError("the openssl command is not installed") }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("alexa-e2e-pki-\(UUID().uuidString)")
        self.directory = directory
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(Self.configuration.utf8).write(to: directory.appendingPathComponent("pki.cnf"))
        } catch {
            throw E2EError("cannot prepare \(directory.path): \(error)")
        }
        let openSSL = { (arguments: [String]) throws(E2EError) in
            try E2EProcess.runChecked(openssl, arguments, in: directory)
        }

        for key in ["root", "intermediate", "signing", "server"] {
            try openSSL(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key + ".key"])
        }
        try openSSL([
            "req", "-x509", "-new", "-config", "pki.cnf", "-extensions", "v3_root", "-key", "root.key",
            "-subj", "/CN=Alexa E2E Test Root", "-days", "60", "-out", "root.pem",
        ])
        let issue = { (name: String, subject: String, extensions: String, issuer: String) throws(E2EError) in
            let signingRequest: [String] = ["req", "-new", "-config", "pki.cnf", "-key", name + ".key"]
            try openSSL(signingRequest + ["-subj", subject, "-out", name + ".csr"])
            let serial: String = "0x" + String(UInt32.random(in: 1...UInt32.max), radix: 16)
            let request: [String] = ["x509", "-req", "-in", name + ".csr", "-set_serial", serial, "-days", "30"]
            let signer: [String] = ["-CA", issuer + ".pem", "-CAkey", issuer + ".key"]
            let output: [String] = ["-extfile", "pki.cnf", "-extensions", extensions, "-out", name + ".pem"]
            try openSSL(request + signer + output)
        }
        try issue("intermediate", "/CN=Alexa E2E Test Intermediate", "v3_intermediate", "root")
        try issue("signing", "/CN=echo-api.amazon.com", "v3_signing", "intermediate")
        try issue("server", "/CN=s3.amazonaws.com", "v3_server", "intermediate")

        let read = { (name: String) throws(E2EError) -> String in
            guard let text = try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) else {
                throw E2EError("cannot read \(name)")
            }
            return text
        }
        rootPEM = try read("root.pem")
        intermediatePEM = try read("intermediate.pem")
        signingLeafPEM = try read("signing.pem")
        signingKeyPEM = try read("signing.key")
        serverCertificatePEM = try read("server.pem")
        serverKeyPEM = try read("server.key")
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    private static let configuration = """
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
        [ v3_signing ]
        basicConstraints = critical,CA:false
        keyUsage = critical,digitalSignature,keyEncipherment
        extendedKeyUsage = serverAuth
        subjectAltName = DNS:echo-api.amazon.com
        [ v3_server ]
        basicConstraints = critical,CA:false
        keyUsage = critical,digitalSignature,keyEncipherment
        extendedKeyUsage = serverAuth
        subjectAltName = DNS:s3.amazonaws.com
        """
}

/// Why an end-to-end fixture could not be set up.
struct E2EError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
