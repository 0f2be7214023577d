import Foundation
import HTTPServer
import SkillSupport
import Testing
import TokenExchange

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A TCP socket on 127.0.0.1 with a kernel-chosen port. When listening, the kernel completes
/// handshakes into the backlog but nobody ever accepts or answers; when not listening, every
/// connection is refused while the port stays reserved.
final class SilentLoopbackSocket: Sendable {
    let port: UInt16
    private let descriptor: Int32

    init(listening: Bool) throws {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw SocketFailure(step: "socket") }

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) }
        }
        guard bound == 0, !listening || listen(fd, 8) == 0 else {
            close(fd)
            throw SocketFailure(step: "bind/listen")
        }

        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            close(fd)
            throw SocketFailure(step: "getsockname")
        }
        descriptor = fd
        port = UInt16(bigEndian: address.sin_port)
    }

    deinit {
        close(descriptor)
    }

    var url: URL {
        URL(string: "http://127.0.0.1:\(port)/oauth/token") ?? URL(filePath: "/unparsable")
    }

    struct SocketFailure: Error {
        var step: String
    }
}

@Suite("Token endpoint against real loopback sockets")
struct LoopbackUpstreamTests {
    private func proxy(upstream: URL) throws -> TokenExchangeProxy {
        let configuration = try TokenExchangeConfiguration(upstreamTokenURL: upstream, upstreamTimeout: 1)
        return TokenExchangeProxy(configuration: configuration, httpClient: URLSessionHTTPClient())
    }

    private func refreshRequest() -> HTTPRequest {
        HTTPRequest(
            method: "POST",
            path: "/oauth/token",
            headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: Array("grant_type=refresh_token&refresh_token=r".utf8)
        )
    }

    @Test("an upstream that accepts the connection and never answers gives 504")
    func silentUpstreamTimesOut() async throws {
        let silent = try SilentLoopbackSocket(listening: true)
        let response = try await proxy(upstream: silent.url).handle(refreshRequest())

        #expect(response.status == 504)
        #expect(response.oauthError == "temporarily_unavailable")
        #expect(response.headers["Cache-Control"] == "no-store")
        withExtendedLifetime(silent) {}
    }

    @Test("a loopback port with nothing listening gives 502")
    func refusedConnection() async throws {
        let closed = try SilentLoopbackSocket(listening: false)
        let response = try await proxy(upstream: closed.url).handle(refreshRequest())

        #expect(response.status == 502)
        #expect(response.oauthError == "temporarily_unavailable")
        #expect(response.headers["Pragma"] == "no-cache")
        withExtendedLifetime(closed) {}
    }
}
