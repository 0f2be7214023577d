import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A response as read off the wire.
struct RawResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var text: String { String(decoding: body, as: UTF8.self) }
}

struct RawClientError: Error, CustomStringConvertible {
    var description: String
}

/// A blocking HTTP/1.1 client over one TCP connection to 127.0.0.1, so tests control the exact
/// bytes sent (repeated headers, chunked bodies, lying Content-Length, keep-alive). It must run
/// off Swift's cooperative threads (see `onOwnThread`), which the server's handlers need.
final class RawConnection {
    private let descriptor: Int32
    private var buffered: [UInt8] = []

    init(port: Int, receiveTimeoutSeconds: Int = 10) throws {
        // The descriptor becomes the object's only once connected: a failed init closes it here,
        // and deinit (which runs only for a fully initialised object) never closes it a second
        // time, when its number may already belong to another connection in this process.
        let connection = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard connection >= 0 else { throw RawClientError(description: "socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let status = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(connection, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard status == 0 else {
            let failure = errno
            close(connection)
            throw RawClientError(description: "connect to \(port) failed: errno \(failure)")
        }
        descriptor = connection
        setReceiveTimeout(seconds: receiveTimeoutSeconds)
    }

    deinit {
        close(descriptor)
    }

    /// A read that gets nothing for this long fails instead of waiting on.
    func setReceiveTimeout(seconds: Int) {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Ends the sending side, telling the server this client is done.
    func finish() {
        shutdown(descriptor, Int32(SHUT_RDWR))
    }

    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw RawClientError(description: "send failed: errno \(errno)") }
            offset += sent
        }
    }

    /// Reads one final response, skipping `100 Continue`.
    func readResponse() throws -> RawResponse {
        while true {
            let head = try readHead()
            if (100..<200).contains(head.status) { continue }
            let body: [UInt8]
            let lengthField = head.headers.first { $0.name.lowercased() == "content-length" }
            if let length = lengthField.flatMap({ Int($0.value) }) {
                body = try readExactly(length)
            } else {
                body = try readToEnd()
            }
            return RawResponse(status: head.status, headers: head.headers, body: body)
        }
    }

    /// True when the server has closed the connection (a read returns end of stream).
    func isClosedByPeer() -> Bool {
        guard buffered.isEmpty else { return false }
        var byte: UInt8 = 0
        return recv(descriptor, &byte, 1, 0) == 0
    }

    private func readHead() throws -> (status: Int, headers: [(name: String, value: String)]) {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        while true {
            if let range = firstRange(of: separator) {
                let head = String(decoding: buffered[..<range], as: UTF8.self)
                buffered.removeFirst(range + separator.count)
                var lines = head.components(separatedBy: "\r\n")
                let statusLine = lines.removeFirst().split(separator: " ")
                guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
                    throw RawClientError(description: "bad status line")
                }
                let headers = lines.compactMap { line -> (name: String, value: String)? in
                    guard let colon = line.firstIndex(of: ":") else { return nil }
                    let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    return (name: String(line[..<colon]), value: value)
                }
                return (status, headers)
            }
            guard try fill() else { throw RawClientError(description: "connection closed before a response") }
        }
    }

    private func readExactly(_ count: Int) throws -> [UInt8] {
        while buffered.count < count {
            guard try fill() else { throw RawClientError(description: "connection closed inside a body") }
        }
        let body = Array(buffered[..<count])
        buffered.removeFirst(count)
        return body
    }

    private func readToEnd() throws -> [UInt8] {
        while try fill() {}
        defer { buffered = [] }
        return buffered
    }

    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = recv(descriptor, &chunk, chunk.count, 0)
        if count < 0 { throw RawClientError(description: "receive failed or timed out: errno \(errno)") }
        buffered.append(contentsOf: chunk[..<count])
        return count > 0
    }

    private func firstRange(of pattern: [UInt8]) -> Int? {
        guard buffered.count >= pattern.count else { return nil }
        for start in 0...(buffered.count - pattern.count)
        where buffered[start..<(start + pattern.count)].elementsEqual(pattern) {
            return start
        }
        return nil
    }
}

/// Runs blocking client code on a dedicated thread and awaits its result.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try body() })
        }
        thread.start()
    }
}

/// One request on a fresh connection.
func rawExchange(port: Int, _ request: String) async throws -> RawResponse {
    try await onOwnThread {
        let connection = try RawConnection(port: port)
        try connection.send(request)
        return try connection.readResponse()
    }
}
