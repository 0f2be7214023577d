import HTTPServer
import Testing

@Suite("Start and stop")
struct LifecycleTests {
    @Test("stop() releases the port: connections are refused, and the port can be bound again")
    func stopReleasesPort() async throws {
        let (first, port) = try startServer(handler: echo)
        #expect(try await rawExchange(port: port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n").status == 200)
        first.stop()
        first.stop()
        #expect(first.port == nil)
        #expect(throws: RawClientError.self) { try RawConnection(port: port) }

        let second = HTTPServer(
            configuration: HTTPServerConfiguration(host: "127.0.0.1", port: port),
            handler: ClosureHTTPHandler { _ in .text(200, "second") }
        )
        try second.start()
        defer { second.stop() }
        #expect(second.port == port)
        #expect(try await rawExchange(port: port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n").text == "second")
    }

    @Test("A stopped server starts again")
    func restart() async throws {
        let (server, _) = try startServer(handler: echo)
        defer { server.stop() }
        server.stop()
        try server.start()
        let port = try #require(server.port)
        #expect(try await rawExchange(port: port, "GET /again HTTP/1.1\r\nHost: x\r\n\r\n").status == 200)
    }

    @Test("A port in use is reported as address_in_use")
    func portInUse() throws {
        let (first, port) = try startServer(handler: echo)
        defer { first.stop() }
        let second = HTTPServer(
            configuration: HTTPServerConfiguration(host: "127.0.0.1", port: port),
            handler: ClosureHTTPHandler(echo)
        )
        let error = #expect(throws: HTTPServerError.self) { try second.start() }
        #expect(error?.code == .addressInUse)
        #expect(second.port == nil)
    }

    @Test("Starting twice is refused")
    func alreadyRunning() throws {
        let (server, port) = try startServer(handler: echo)
        defer { server.stop() }
        let error = #expect(throws: HTTPServerError.self) { try server.start() }
        #expect(error?.code == .alreadyRunning)
        #expect(server.port == port)
    }

    @Test(
        "Bad configuration is refused with a code",
        arguments: [
            (HTTPServerConfiguration(host: "localhost"), HTTPServerError.Code.invalidAddress),
            (HTTPServerConfiguration(host: "999.1.1.1"), .invalidAddress),
            (HTTPServerConfiguration(host: "127.0.0.1", port: 70_000), .invalidAddress),
            (HTTPServerConfiguration(host: "127.0.0.1", port: -1), .invalidAddress),
            (HTTPServerConfiguration(host: "192.0.2.1"), .addressUnavailable),
            (HTTPServerConfiguration(host: "127.0.0.1", threadCount: 0), .invalidConfiguration),
            (HTTPServerConfiguration(host: "127.0.0.1", connectionTimeout: .milliseconds(10)), .invalidConfiguration),
            (HTTPServerConfiguration(host: "127.0.0.1", handlerTimeout: .zero), .invalidConfiguration),
            (HTTPServerConfiguration(host: "127.0.0.1", connectionLimit: 0), .invalidConfiguration),
        ]
    )
    func badConfiguration(configuration: HTTPServerConfiguration, code: HTTPServerError.Code) {
        let server = HTTPServer(configuration: configuration, handler: ClosureHTTPHandler(echo))
        let error = #expect(throws: HTTPServerError.self) { try server.start() }
        #expect(error?.code == code)
    }

    @Test("IPv6 loopback works when the host has it")
    func ipv6() async throws {
        let server = HTTPServer(
            configuration: HTTPServerConfiguration(host: "::1"),
            handler: ClosureHTTPHandler(echo)
        )
        let failure: HTTPServerError?
        do {
            try server.start()
            failure = nil
        } catch {
            failure = error
        }
        if let failure {
            print("skipped: no IPv6 loopback here (\(failure))")
            return
        }
        defer { server.stop() }
        #expect(server.port.map { $0 > 0 } == true)
    }

    @Test("An idle connection is closed after the connection timeout")
    func idleConnectionClosed() async throws {
        let (server, port) = try startServer(HTTPServerConfiguration(connectionTimeout: .seconds(1)), handler: echo)
        defer { server.stop() }
        // The client waits up to 10 s; the server must hang up well before that.
        let closed = try await onOwnThread {
            let connection = try RawConnection(port: port, receiveTimeoutSeconds: 10)
            try connection.send("GET /first HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = try connection.readResponse()
            return connection.isClosedByPeer()
        }
        #expect(closed)
    }

    @Test("A connection beyond the connection limit waits until a slot frees")
    func connectionLimit() async throws {
        let (server, port) = try startServer(HTTPServerConfiguration(connectionLimit: 1), handler: echo)
        defer { server.stop() }
        let outcome = try await onOwnThread { () -> [String] in
            let holder = try RawConnection(port: port)
            try holder.send("GET /held HTTP/1.1\r\nHost: x\r\n\r\n")
            var outcome = ["held \(try holder.readResponse().status)"]

            // The kernel accepts the connection, but libmicrohttpd leaves it queued while full.
            let extra = try RawConnection(port: port, receiveTimeoutSeconds: 1)
            try extra.send("GET /extra HTTP/1.1\r\nHost: x\r\n\r\n")
            do {
                outcome.append("answered while full: \(try extra.readResponse().status)")
            } catch {
                outcome.append("waiting")
            }
            holder.finish()
            extra.setReceiveTimeout(seconds: 10)
            outcome.append("then \(try extra.readResponse().status)")
            return outcome
        }
        #expect(outcome == ["held 200", "waiting", "then 200"])
    }

    @Test("A thread pool serves requests too")
    func threadPool() async throws {
        let (server, port) = try startServer(HTTPServerConfiguration(threadCount: 2), handler: echo)
        defer { server.stop() }
        for index in 0..<4 {
            let response = try await rawExchange(port: port, "GET /t\(index) HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(response.header("x-path") == "/t\(index)")
        }
    }
}
