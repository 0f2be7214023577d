import Foundation
import SkillSupport
import Synchronization

/// An HTTP/1.1 server over libmicrohttpd. Each request's body is collected whole (up to the
/// configured limit), the connection is suspended, and the handler runs in a Swift task, so a
/// slow or stuck handler never holds one of libmicrohttpd's threads.
///
/// ```swift
/// let server = HTTPServer(
///     configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 8080),
///     handler: ClosureHTTPHandler { request in .text(200, "hello") },
///     logger: logger
/// )
/// try server.start()
/// print(server.port ?? 0)
/// server.stop()
/// ```
public final class HTTPServer: Sendable {
    public let configuration: HTTPServerConfiguration
    private let handler: any HTTPHandler
    private let logger: Logger
    private let daemon = Mutex<Daemon?>(nil)

    /// - Parameter logger: gets one `http.request` line per request at debug level (method,
    ///   path without query, status, duration); never bodies, query strings or header values.
    public init(configuration: HTTPServerConfiguration, handler: any HTTPHandler, logger: Logger = .disabled) {
        self.configuration = configuration
        self.handler = handler
        self.logger = logger
    }

    deinit {
        stop()
    }

    /// Binds the address and starts serving. A stopped server may be started again.
    public func start() throws(HTTPServerError) {
        let core = ServerCore(
            handler: handler,
            bodyLimit: configuration.bodyLimit,
            handlerTimeout: configuration.handlerTimeout,
            logger: logger
        )
        let configuration = self.configuration
        let port = try daemon.withLock { running throws(HTTPServerError) -> Int in
            guard running == nil else {
                throw HTTPServerError(.alreadyRunning, "start() called on a running server")
            }
            let started = try Daemon.start(configuration, core: core)
            running = started
            return started.port
        }
        logger.debug(
            "http.server.started",
            [
                "http.host": configuration.host,
                "http.port": String(port),
                "http.tls": configuration.tls == nil ? "false" : "true",
            ]
        )
    }

    /// The port the server listens on (the system's choice when configured with 0); nil when stopped.
    public var port: Int? {
        daemon.withLock { $0?.port }
    }

    /// Stops serving: the port is released at once, handlers still running get
    /// `shutdownGracePeriod` to answer, then their requests are answered 503 (later answers are
    /// dropped) and every connection is closed. Blocks until done (at most the grace period plus
    /// half a second); async code should prefer `shutdown()`. Safe to call more than once.
    public func stop() {
        let running = daemon.withLock { running -> Daemon? in
            defer { running = nil }
            return running
        }
        guard let running else { return }
        running.stop(gracePeriod: configuration.shutdownGracePeriod)
        logger.debug("http.server.stopped", ["http.port": String(running.port)])
    }

    /// `stop()` for async callers: the blocking wait runs on a thread of its own, so the handlers
    /// it waits for keep the cooperative threads they need to finish.
    public func shutdown() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread {
                self.stop()
                continuation.resume()
            }.start()
        }
    }
}
