#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A bound, listening, non-blocking TCP socket, opened here rather than by libmicrohttpd so that a
/// failed bind reports its errno as a specific error instead of a log line.
struct ListeningSocket {
    let descriptor: Int32
    let port: Int
    let isIPv6: Bool

    private static let backlog: Int32 = 511

    static func open(host: String, port: Int) throws(HTTPServerError) -> ListeningSocket {
        guard (0...65_535).contains(port) else {
            throw HTTPServerError(.invalidAddress, "port \(port) is outside 0...65535")
        }
        guard let address = SocketAddress(host: host, port: UInt16(port)) else {
            throw HTTPServerError(.invalidAddress, "host \(host) is not an IPv4 or IPv6 literal")
        }

        let descriptor = socket(address.family, Self.streamType, 0)
        guard descriptor >= 0 else {
            throw HTTPServerError(.socketFailed, "socket: \(Self.errnoText())")
        }

        do throws(HTTPServerError) {
            try configure(descriptor)
            try address.withSockaddr { pointer, length throws(HTTPServerError) in
                guard bind(descriptor, pointer, length) == 0 else {
                    throw bindError(host: host, port: port)
                }
            }
            guard listen(descriptor, backlog) == 0 else {
                throw HTTPServerError(.socketFailed, "listen: \(Self.errnoText())")
            }
            let bound = try boundPort(descriptor)
            return ListeningSocket(descriptor: descriptor, port: bound, isIPv6: address.family == AF_INET6)
        } catch {
            close(descriptor)
            throw error
        }
    }

    #if canImport(Glibc)
    private static let streamType = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
    #else
    private static let streamType = SOCK_STREAM
    #endif

    /// Address reuse lets a restarted server bind while old connections sit in TIME_WAIT;
    /// non-blocking accept is what libmicrohttpd expects of a socket it shares between threads.
    private static func configure(_ descriptor: Int32) throws(HTTPServerError) {
        var one: Int32 = 1
        let length = socklen_t(MemoryLayout<Int32>.size)
        guard setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, length) == 0 else {
            throw HTTPServerError(.socketFailed, "setsockopt: \(errnoText())")
        }
        let flags = fcntl(descriptor, F_GETFL, 0)
        guard flags >= 0, fcntl(descriptor, F_SETFL, flags | O_NONBLOCK) == 0 else {
            throw HTTPServerError(.socketFailed, "fcntl: \(errnoText())")
        }
    }

    private static func bindError(host: String, port: Int) -> HTTPServerError {
        let code = errno
        let text = "bind \(host):\(port): \(errnoText(code))"
        switch code {
        case EADDRINUSE: return HTTPServerError(.addressInUse, text)
        case EADDRNOTAVAIL: return HTTPServerError(.addressUnavailable, text)
        case EACCES, EPERM: return HTTPServerError(.permissionDenied, text)
        default: return HTTPServerError(.socketFailed, text)
        }
    }

    private static func boundPort(_ descriptor: Int32) throws(HTTPServerError) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let status = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard status == 0 else {
            throw HTTPServerError(.socketFailed, "getsockname: \(errnoText())")
        }
        let family = Int32(storage.ss_family)
        return withUnsafeBytes(of: &storage) { raw -> Int in
            if family == AF_INET6 {
                return Int(UInt16(bigEndian: raw.load(as: sockaddr_in6.self).sin6_port))
            }
            return Int(UInt16(bigEndian: raw.load(as: sockaddr_in.self).sin_port))
        }
    }

    private static func errnoText(_ code: Int32 = errno) -> String {
        String(cString: strerror(code))
    }
}

/// An IPv4 or IPv6 socket address parsed from a literal with `inet_pton`.
private enum SocketAddress {
    case ipv4(sockaddr_in)
    case ipv6(sockaddr_in6)

    init?(host: String, port: UInt16) {
        var v4 = sockaddr_in()
        if inet_pton(AF_INET, host, &v4.sin_addr) == 1 {
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = port.bigEndian
            self = .ipv4(v4)
            return
        }
        var v6 = sockaddr_in6()
        if inet_pton(AF_INET6, host, &v6.sin6_addr) == 1 {
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = port.bigEndian
            self = .ipv6(v6)
            return
        }
        return nil
    }

    var family: Int32 {
        switch self {
        case .ipv4: AF_INET
        case .ipv6: AF_INET6
        }
    }

    func withSockaddr<Result>(
        _ body: (UnsafePointer<sockaddr>, socklen_t) throws(HTTPServerError) -> Result
    ) throws(HTTPServerError) -> Result {
        switch self {
        case .ipv4(var address):
            return try withUnsafePointer(to: &address) { pointer throws(HTTPServerError) in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { rebound throws(HTTPServerError) in
                    try body(rebound, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        case .ipv6(var address):
            return try withUnsafePointer(to: &address) { pointer throws(HTTPServerError) in
                try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { rebound throws(HTTPServerError) in
                    try body(rebound, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        }
    }
}
