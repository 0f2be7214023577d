import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 (port chosen by the kernel) standing in for an
/// issuer's JWKS endpoint over real sockets: it counts requests and can serve, fail or hang.
/// One connection at a time, `Connection: close`; enough for a client that fetches a key set.
final class LoopbackJWKSServer: Sendable {
    enum Behaviour: Sendable {
        case serve(document: String, cacheControl: String?)
        case status(Int)
        /// Reads the request and never answers (until the server stops).
        case hang
    }

    struct StartError: Error {
        var step: String
    }

    let port: UInt16
    private let listener: Int32
    private let behaviour: Mutex<Behaviour>
    private let requests = Atomic<Int>(0)
    private let stopped = Atomic<Bool>(false)
    private let hangingConnections = Mutex<[Int32]>([])

    init(_ behaviour: Behaviour) throws {
        self.behaviour = Mutex(behaviour)
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else { throw StartError(step: "socket") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(socketDescriptor, 64) == 0 else {
            close(socketDescriptor)
            throw StartError(step: "bind/listen")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketDescriptor, $0, &length) }
        }
        guard named == 0 else {
            close(socketDescriptor)
            throw StartError(step: "getsockname")
        }
        listener = socketDescriptor
        port = UInt16(bigEndian: address.sin_port)
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    deinit {
        stop()
    }

    var url: URL? { URL(string: "http://127.0.0.1:\(port)/.well-known/jwks.json") }

    var requestCount: Int { requests.load(ordering: .sequentiallyConsistent) }

    func set(_ newBehaviour: Behaviour) {
        behaviour.withLock { $0 = newBehaviour }
    }

    func stop() {
        guard !stopped.exchange(true, ordering: .sequentiallyConsistent) else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for connection in hangingConnections.withLock({ $0 }) {
            close(connection)
        }
    }

    private func acceptLoop() {
        while !stopped.load(ordering: .sequentiallyConsistent) {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            handle(connection)
        }
    }

    private func handle(_ connection: Int32) {
        // Read up to the end of the request head; a GET has no body.
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !received.suffix(4).elementsEqual([13, 10, 13, 10]), received.count < 65536 {
            let count = read(connection, &buffer, buffer.count)
            guard count > 0 else { break }
            received.append(contentsOf: buffer.prefix(count))
        }
        requests.add(1, ordering: .sequentiallyConsistent)

        let response: String
        switch behaviour.withLock({ $0 }) {
        case .serve(let document, let cacheControl):
            let extra = cacheControl.map { "Cache-Control: \($0)\r\n" } ?? ""
            response =
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\(extra)"
                + "Content-Length: \(document.utf8.count)\r\nConnection: close\r\n\r\n\(document)"
        case .status(let status):
            response = "HTTP/1.1 \(status) Failure\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        case .hang:
            hangingConnections.withLock { $0.append(connection) }
            return
        }
        let bytes = Array(response.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
            guard written > 0 else { break }
            offset += written
        }
        close(connection)
    }
}
