import CMicroHTTPD
import SkillSupport
import Synchronization

/// The state libmicrohttpd's callbacks reach through their `cls` pointer: the handler, the
/// request policy, and the registry of connections whose handlers are running.
final class ServerCore: Sendable {
    let handler: any HTTPHandler
    let bodyLimit: BodyLimit
    let handlerTimeout: Duration?
    let logger: Logger
    private let suspensions = Mutex(Suspensions())
    private let lastLibraryMessage = Mutex<String?>(nil)
    private let openRequests = Atomic<Int>(0)

    /// Oversized bodies are read and dropped up to this many bytes past the limit so the client
    /// can be answered 413; beyond that the connection is closed.
    static let discardAllowance = 1 << 20

    init(handler: any HTTPHandler, bodyLimit: BodyLimit, handlerTimeout: Duration?, logger: Logger) {
        self.handler = handler
        self.bodyLimit = bodyLimit
        self.handlerTimeout = handlerTimeout
        self.logger = logger
    }

    // MARK: Handing requests to handlers

    /// Suspends the connection and runs the handler in a task; the connection is resumed when
    /// the handler answers, the handler timeout fires, or the server stops.
    func dispatch(_ request: HTTPRequest, state: RequestState, connection: OpaquePointer) -> MHD_Result {
        let deadline = handlerTimeout.map { ContinuousClock.now + $0 }
        let exchange = PendingExchange(connection: SuspendedConnection(pointer: connection), deadline: deadline)
        // Recorded before suspending: once resumed, the next call of the access handler looks here.
        state.exchange = exchange
        let accepted = suspensions.withLock { registry in
            guard !registry.isStopping else { return false }
            registry.pending[ObjectIdentifier(exchange)] = exchange
            MHD_suspend_connection(connection)
            return true
        }
        guard accepted else {
            state.exchange = nil
            return respond(Self.stoppingResponse, state: state, connection: connection)
        }

        let handler = self.handler
        let task = Task { [self] in
            let response = await handler.handle(request)
            complete(exchange, with: response)
        }
        exchange.handlerTask.withLock { $0 = task }
        return .YES
    }

    /// Stores the response and resumes the connection, unless someone else already did.
    private func complete(_ exchange: PendingExchange, with response: HTTPResponse) {
        suspensions.withLock { registry in
            guard registry.pending.removeValue(forKey: ObjectIdentifier(exchange)) != nil else { return }
            exchange.response.withLock { $0 = response }
            MHD_resume_connection(exchange.connection.pointer)
        }
    }

    /// Answers 503 for every request whose handler is past its deadline. One periodic sweep
    /// costs far less than a timer task per request.
    func expireOverdueHandlers(now: ContinuousClock.Instant) {
        suspensions.withLock { registry in
            let overdue = registry.pending.filter { _, exchange in exchange.deadline.map { $0 <= now } ?? false }
            guard !overdue.isEmpty else { return }
            let response = HTTPResponse.jsonError(
                503,
                code: "handler_timeout",
                message: "the request was not answered in time"
            )
            for (key, exchange) in overdue {
                registry.pending.removeValue(forKey: key)
                exchange.response.withLock { $0 = response }
                MHD_resume_connection(exchange.connection.pointer)
                exchange.cancelHandler()
            }
        }
    }

    // MARK: Shutting down

    private static var stoppingResponse: HTTPResponse {
        var response = HTTPResponse.jsonError(503, code: "server_stopping", message: "the server is stopping")
        response.headers.set("Connection", "close")
        return response
    }

    /// Requests begun and not yet finished (answered and sent, or abandoned).
    var openRequestCount: Int { openRequests.load(ordering: .acquiring) }

    func requestOpened() { openRequests.add(1, ordering: .relaxed) }

    func requestClosed() { openRequests.subtract(1, ordering: .releasing) }

    /// From now on requests that reach the handler stage are answered 503 at once.
    func refuseNewRequests() {
        suspensions.withLock { $0.isStopping = true }
    }

    /// Answers every running request with 503, so that `MHD_stop_daemon` finds no suspended
    /// connection (libmicrohttpd forbids stopping with any).
    func resumeAllForShutdown() {
        suspensions.withLock { registry in
            registry.isStopping = true
            let response = Self.stoppingResponse
            for exchange in registry.pending.values {
                exchange.response.withLock { $0 = response }
                MHD_resume_connection(exchange.connection.pointer)
                exchange.cancelHandler()
            }
            registry.pending.removeAll()
        }
    }

    // MARK: Answering

    /// Queues a response from within the access handler and logs the request line.
    func respond(_ response: HTTPResponse, state: RequestState, connection: OpaquePointer) -> MHD_Result {
        guard let status = ResponseWriter.queue(response, on: connection, logger: logger) else {
            logger.debug("http.response.refused", ["http.method": state.method, "http.path": state.path])
            return .NO
        }
        logRequest(state, status: status)
        return .YES
    }

    private func logRequest(_ state: RequestState, status: Int) {
        guard logger.minimumLevel <= .debug else { return }
        let elapsed = ContinuousClock.now - state.startedAt
        let milliseconds =
            Double(elapsed.components.seconds) * 1_000
            + Double(elapsed.components.attoseconds) / 1_000_000_000_000_000
        logger.debug(
            "http.request",
            [
                "http.method": state.method,
                "http.path": state.path,
                "http.status": String(status),
                "http.duration_ms": String(format: milliseconds),
            ]
        )
    }

    // MARK: libmicrohttpd's own messages

    func recordLibraryMessage(_ message: String) {
        lastLibraryMessage.withLock { $0 = message }
        logger.debug("http.server.library_message", ["http.message": message])
    }

    var latestLibraryMessage: String? {
        lastLibraryMessage.withLock { $0 }
    }
}

private extension String {
    /// Milliseconds with three decimals, without Foundation's formatter on the hot path.
    init(format milliseconds: Double) {
        let micros = Int((milliseconds * 1_000).rounded())
        let fraction = String(micros % 1_000)
        self = "\(micros / 1_000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
