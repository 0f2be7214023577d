/// Why the development issuer could not be set up: a key file, a clients file or a configuration
/// it refuses. Messages name files and fields, never key material or secrets.
public struct DevIssuerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The machine-readable reason.
    public enum Code: String, Sendable {
        /// The key file exists but is not an unencrypted RSA private key of at least 2048 bits.
        case invalidKeyFile = "invalid_key_file"
        /// The key file could not be read or created.
        case keyFileUnavailable = "key_file_unavailable"
        /// The clients file could not be read.
        case clientsFileUnavailable = "clients_file_unavailable"
        /// The clients file is not the expected JSON, or a client in it is unusable.
        case invalidClients = "invalid_clients"
        /// The configuration cannot serve: no issuer, a bad lifetime, a key that cannot sign.
        case invalidConfiguration = "invalid_configuration"
        /// The HTTP server did not start.
        case serverFailed = "server_failed"
    }

    public var code: Code
    /// A human-readable explanation, safe to print.
    public var detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(code.rawValue): \(detail)" }
}
