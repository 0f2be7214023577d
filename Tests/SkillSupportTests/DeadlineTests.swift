import Foundation
import SkillSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Deadlines on outbound work")
struct DeadlineTests {
    @Test("The operation's own value wins when it is on time")
    func onTime() async {
        let value = await withDeadline(seconds: 5, onTimeout: "late") { "done" }
        #expect(value == "done")
    }

    @Test("A hanging operation gives the timeout value and is cancelled")
    func hanging() async {
        let value = await withDeadline(seconds: 0.05, onTimeout: "late") {
            try? await Task.sleep(for: .seconds(30))
            return Task.isCancelled ? "cancelled" : "finished"
        }
        #expect(value == "late")
    }

    @Test("URLSessionHTTPClient times out, not at once, on a sub-second deadline against a silent server")
    func subSecondTimeout() async throws {
        let listener = try SilentListener()
        defer { listener.close() }
        let url = try #require(URL(string: "http://127.0.0.1:\(listener.port)/"))

        let start = ContinuousClock.now
        await #expect(throws: HTTPClientError(.timeout, "no answer within 0.4 s")) {
            _ = try await URLSessionHTTPClient().send(OutboundRequest(url: url, timeout: 0.4))
        }
        // Not at once: FoundationNetworking truncates sub-second intervals to zero, which made
        // such requests fail before they were sent.
        #expect(ContinuousClock.now - start >= .milliseconds(350))
    }
}

/// A loopback socket that accepts connections (through the kernel backlog) and never answers.
private struct SilentListener {
    let descriptor: Int32
    let port: Int

    struct SocketError: Error {}

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SocketError() }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && listen(descriptor, 8) == 0
                    && getsockname(descriptor, generic, &length) == 0
            }
        }
        guard bound else {
            Glibc.close(descriptor)
            throw SocketError()
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() {
        _ = Glibc.close(descriptor)
    }
}
