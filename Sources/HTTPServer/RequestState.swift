import Synchronization

/// What the server knows about the request in progress on one connection. Created on the first
/// access-handler call, released by the completion callback; only libmicrohttpd's thread that
/// owns the connection touches it.
final class RequestState {
    let method: String
    let path: String
    let bodyLimit: Int
    let startedAt: ContinuousClock.Instant
    var body: [UInt8] = []
    /// Set once the body is known to exceed `bodyLimit`; later bytes are counted, not kept.
    var isOversized = false
    var discardedBytes = 0
    /// Set while, and after, the handler runs.
    var exchange: PendingExchange?

    init(method: String, path: String, bodyLimit: Int, startedAt: ContinuousClock.Instant) {
        self.method = method
        self.path = path
        self.bodyLimit = bodyLimit
        self.startedAt = startedAt
    }
}

/// A request handed to a handler while its connection is suspended: whoever completes it first
/// (the handler, the handler timeout, or `stop()`) stores the response and resumes the connection.
final class PendingExchange: Sendable {
    let connection: SuspendedConnection
    /// When the handler timeout answers for the handler; nil without a timeout.
    let deadline: ContinuousClock.Instant?
    let response = Mutex<HTTPResponse?>(nil)
    /// The task running the handler, cancelled when someone else answers for it.
    let handlerTask = Mutex<Task<Void, Never>?>(nil)

    init(connection: SuspendedConnection, deadline: ContinuousClock.Instant?) {
        self.connection = connection
        self.deadline = deadline
    }

    /// Tells a handler that nobody waits for its answer any more (the timeout or shutdown
    /// answered instead), so work that honours cancellation stops.
    func cancelHandler() {
        handlerTask.withLock { $0?.cancel() }
    }
}

/// A suspended libmicrohttpd connection. The pointer is only passed to `MHD_resume_connection`,
/// which libmicrohttpd allows from any thread, and only while the connection is registered in
/// `Suspensions`, where a suspended connection cannot be freed (libmicrohttpd closes suspended
/// connections only in `MHD_stop_daemon`, which runs after `stop()` has resumed them all).
struct SuspendedConnection: @unchecked Sendable {
    let pointer: OpaquePointer
}

/// The connections whose handlers are running.
struct Suspensions {
    var isStopping = false
    var pending: [ObjectIdentifier: PendingExchange] = [:]
}
