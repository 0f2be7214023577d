import HTTPServer
import Synchronization

/// A `DevIssuerService` listening on HTTP. With port 0 the system picks the port, and a nil
/// `issuer` in the configuration becomes `http://127.0.0.1:<chosen port>/`: the service is
/// built once the port is known, and requests arriving before that get 503.
public final class DevIssuerServer: Sendable {
    /// The service answering requests.
    public let service: DevIssuerService
    /// The port the server listens on.
    public let port: Int
    private let server: HTTPServer

    /// The issuer URL the tokens carry.
    public var issuer: String { service.issuer }

    private init(service: DevIssuerService, port: Int, server: HTTPServer) {
        self.service = service
        self.port = port
        self.server = server
    }

    /// Binds `host`:`port` (default loopback only: this issuer approves every request) and serves.
    /// `http` tunes the server (its host and port are replaced by the arguments); the server logs
    /// to the configuration's logger.
    public static func start(
        configuration: DevIssuerConfiguration,
        host: String = "127.0.0.1",
        port: Int,
        http: HTTPServerConfiguration = HTTPServerConfiguration(bodyLimit: BodyLimit(bytes: 16 * 1024))
    ) throws(DevIssuerError) -> DevIssuerServer {
        var http = http
        http.host = host
        http.port = port
        let forwarder = ForwardingHandler()
        let server = HTTPServer(configuration: http, handler: forwarder, logger: configuration.logger)
        do {
            try server.start()
        } catch {
            throw DevIssuerError(.serverFailed, "cannot listen on \(host):\(port): \(error)")
        }
        guard let boundPort = server.port else {
            server.stop()
            throw DevIssuerError(.serverFailed, "the server stopped while starting")
        }

        let service: DevIssuerService
        do {
            service = try DevIssuerService(configuration: configuration, port: boundPort)
        } catch {
            server.stop()
            throw error
        }
        forwarder.install(service)
        return DevIssuerServer(service: service, port: boundPort, server: server)
    }

    /// Stops serving; blocks until open requests are answered (see `HTTPServer.stop()`).
    public func stop() {
        server.stop()
    }

    /// `stop()` for async callers.
    public func shutdown() async {
        await server.shutdown()
    }
}

/// Passes requests to a service installed after the server has started.
private final class ForwardingHandler: HTTPHandler {
    private let target = Mutex<DevIssuerService?>(nil)

    func install(_ service: DevIssuerService) {
        target.withLock { $0 = service }
    }

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        guard let service = target.withLock({ $0 }) else {
            return .jsonError(503, code: "starting", message: "the issuer is starting")
        }
        return await service.handle(request)
    }
}
