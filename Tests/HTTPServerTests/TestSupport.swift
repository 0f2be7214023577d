import Foundation
import HTTPServer
import SkillSupport
import Synchronization

/// Starts a server on 127.0.0.1 with a system-chosen port.
func startServer(
    _ configuration: HTTPServerConfiguration = HTTPServerConfiguration(),
    logger: Logger = .disabled,
    handler: @escaping @Sendable (HTTPRequest) async -> HTTPResponse
) throws -> (server: HTTPServer, port: Int) {
    var configuration = configuration
    configuration.host = "127.0.0.1"
    let server = HTTPServer(configuration: configuration, handler: ClosureHTTPHandler(handler), logger: logger)
    try server.start()
    guard let port = server.port else { throw RawClientError(description: "no port after start") }
    return (server, port)
}

/// A one-shot signal: `wait()` suspends until `open()` has been called.
final class Gate: Sendable {
    private let state = Mutex<(isOpen: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func open() {
        let waiters = state.withLock { state in
            state.isOpen = true
            defer { state.waiters = [] }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }

    func wait() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state in
                if state.isOpen { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }
}

/// Counts handler calls.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)
    func increment() { value.add(1, ordering: .relaxed) }
    var count: Int { value.load(ordering: .relaxed) }
}

/// An echo handler: status 200, the body back, the path and query items in headers.
@Sendable func echo(_ request: HTTPRequest) async -> HTTPResponse {
    var headers = HTTPHeaders()
    headers.add("X-Method", request.method)
    headers.add("X-Path", request.path)
    for item in request.queryItems {
        headers.add("X-Query", "\(item.name)=\(item.value)")
    }
    return HTTPResponse(status: 200, headers: headers, body: request.body)
}
