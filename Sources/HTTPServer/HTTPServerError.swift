/// Why an `HTTPServer` could not start.
public struct HTTPServerError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// Another socket already listens on the address and port.
        case addressInUse = "address_in_use"
        /// The address is not one of this machine's (EADDRNOTAVAIL).
        case addressUnavailable = "address_unavailable"
        /// Binding needs privileges the process lacks (ports below 1024, for example).
        case permissionDenied = "permission_denied"
        /// The host is not an IP literal, or the port is outside 0...65535.
        case invalidAddress = "invalid_address"
        /// A configuration value is out of range (thread count, timeouts, limits).
        case invalidConfiguration = "invalid_configuration"
        /// The installed libmicrohttpd was built without TLS.
        case tlsUnsupported = "tls_unsupported"
        /// libmicrohttpd refused the certificate or key.
        case tlsInvalid = "tls_invalid"
        /// The listening socket could not be created.
        case socketFailed = "socket_failed"
        /// libmicrohttpd did not start for another reason.
        case startFailed = "start_failed"
        /// `start()` was called on a running server.
        case alreadyRunning = "already_running"
    }

    public var code: Code
    /// A description safe to log: never a key or certificate.
    public var detail: String

    public init(_ code: Code, _ detail: String = "") {
        self.code = code
        self.detail = detail
    }

    public var description: String { detail.isEmpty ? code.rawValue : "\(code.rawValue): \(detail)" }
}
