import HTTPServer
import Testing

@Suite("Handlers run off libmicrohttpd's threads")
struct ConcurrencyTests {
    @Test("200 requests in parallel are all answered, each with its own body")
    func parallelRequests() async throws {
        let (server, port) = try startServer { request in
            try? await Task.sleep(for: .milliseconds(5))
            return await echo(request)
        }
        defer { server.stop() }
        let bodies = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for index in 0..<200 {
                group.addTask {
                    let body = "body-\(index)"
                    let response = try await rawExchange(
                        port: port,
                        "POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
                    )
                    return (index, response.status == 200 ? response.text : "status \(response.status)")
                }
            }
            var bodies: [Int: String] = [:]
            for try await (index, text) in group { bodies[index] = text }
            return bodies
        }
        #expect(bodies.count == 200)
        #expect((0..<200).allSatisfy { bodies[$0] == "body-\($0)" })
    }

    @Test("A handler that has not answered does not hold up another request")
    func slowHandlerDoesNotBlock() async throws {
        let entered = Gate()
        let release = Gate()
        let (server, port) = try startServer { request in
            if request.path == "/slow" {
                entered.open()
                await release.wait()
            }
            return .text(200, request.path)
        }
        defer { server.stop() }

        async let slow = rawExchange(port: port, "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        await entered.wait()
        // Answered while /slow is still waiting; a blocked server would time out here instead.
        let fast = try await rawExchange(port: port, "GET /fast HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(fast.text == "/fast")
        release.open()
        #expect(try await slow.text == "/slow")
    }

    @Test("A handler past the handler timeout is answered 503 for it")
    func handlerTimeout() async throws {
        let release = Gate()
        defer { release.open() }
        let configuration = HTTPServerConfiguration(handlerTimeout: .milliseconds(200))
        let (server, port) = try startServer(configuration) { _ in
            await release.wait()
            return .text(200, "too late")
        }
        defer { server.stop() }
        let response = try await rawExchange(port: port, "GET /hang HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(response.status == 503)
        #expect(response.text.contains(#""error":"handler_timeout""#))
    }

    @Test("A handler answered for by the timeout is cancelled", .timeLimit(.minutes(1)))
    func timedOutHandlerIsCancelled() async throws {
        let cancelled = Gate()
        let configuration = HTTPServerConfiguration(handlerTimeout: .milliseconds(200))
        let (server, port) = try startServer(configuration) { _ in
            // Sleeps far past the timeout unless cancelled.
            try? await Task.sleep(for: .seconds(60))
            if Task.isCancelled { cancelled.open() }
            return .text(200, "too late")
        }
        defer { server.stop() }
        let response = try await rawExchange(port: port, "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(response.status == 503)
        await cancelled.wait()
    }

    @Test("stop() answers requests whose handlers are still running with 503")
    func stopWithPendingHandler() async throws {
        let entered = Gate()
        let release = Gate()
        defer { release.open() }
        let configuration = HTTPServerConfiguration(handlerTimeout: nil, shutdownGracePeriod: .milliseconds(100))
        let (server, port) = try startServer(configuration) { _ in
            entered.open()
            await release.wait()
            return .text(200, "too late")
        }
        async let pending = rawExchange(port: port, "GET /hang HTTP/1.1\r\nHost: x\r\n\r\n")
        await entered.wait()
        server.stop()
        let response = try await pending
        #expect(response.status == 503)
        #expect(response.text.contains("server_stopping"))
        #expect(response.header("connection")?.lowercased() == "close")
        #expect(server.port == nil)
    }

    @Test("shutdown() lets a handler that answers within the grace period deliver its answer")
    func stopWaitsForHandler() async throws {
        let entered = Gate()
        let release = Gate()
        let configuration = HTTPServerConfiguration(shutdownGracePeriod: .seconds(20))
        let (server, port) = try startServer(configuration) { _ in
            entered.open()
            await release.wait()
            return .text(200, "answered")
        }
        async let pending = rawExchange(port: port, "GET /finish HTTP/1.1\r\nHost: x\r\n\r\n")
        await entered.wait()
        async let stopped: Void = server.shutdown()
        // The port reads nil once stopping has begun; only then may the handler answer.
        while server.port != nil {
            try await Task.sleep(for: .milliseconds(5))
        }
        release.open()
        await stopped
        let response = try await pending
        #expect(response.status == 200)
        #expect(response.text == "answered")
    }
}
