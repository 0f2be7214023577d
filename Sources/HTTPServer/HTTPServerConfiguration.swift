/// How an `HTTPServer` listens and what it accepts.
public struct HTTPServerConfiguration: Sendable {
    /// The address to bind: an IPv4 or IPv6 literal. Defaults to `0.0.0.0` (every IPv4 interface),
    /// as a server behind a proxy or tunnel needs; tests and local tools pass `127.0.0.1`.
    public var host: String
    /// The TCP port; 0 lets the system choose one, read it back from `HTTPServer.port`.
    public var port: Int
    /// The largest request body accepted for each method and path; larger bodies get 413.
    public var bodyLimit: BodyLimit
    /// An idle connection is closed after this long without traffic (whole seconds, at least 1).
    public var connectionTimeout: Duration
    /// A handler that has not answered after this long gets its request answered with 503;
    /// nil waits for ever (the connection then stays open until the handler returns).
    public var handlerTimeout: Duration?
    /// How long `stop()` lets running handlers finish before answering their requests 503.
    public var shutdownGracePeriod: Duration
    /// libmicrohttpd's polling threads: 1 is right for small machines, since handlers run in
    /// Swift tasks and the polling threads only move bytes.
    public var threadCount: Int
    /// At most this many simultaneous connections; nil keeps libmicrohttpd's default.
    public var connectionLimit: Int?
    /// When set, the server speaks HTTPS only, with this certificate and key.
    public var tls: TLSIdentity?

    public init(
        host: String = "0.0.0.0",
        port: Int = 0,
        bodyLimit: BodyLimit = BodyLimit(),
        connectionTimeout: Duration = .seconds(30),
        handlerTimeout: Duration? = .seconds(30),
        shutdownGracePeriod: Duration = .seconds(2),
        threadCount: Int = 1,
        connectionLimit: Int? = nil,
        tls: TLSIdentity? = nil
    ) {
        self.host = host
        self.port = port
        self.bodyLimit = bodyLimit
        self.connectionTimeout = connectionTimeout
        self.handlerTimeout = handlerTimeout
        self.shutdownGracePeriod = shutdownGracePeriod
        self.threadCount = threadCount
        self.connectionLimit = connectionLimit
        self.tls = tls
    }
}

/// A certificate chain and its private key, both PEM, for serving HTTPS.
public struct TLSIdentity: Sendable {
    /// The server certificate, optionally followed by intermediates.
    public var certificatePEM: String
    /// The unencrypted private key of the certificate.
    public var privateKeyPEM: String

    public init(certificatePEM: String, privateKeyPEM: String) {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
    }
}
