import HTTPServer
import Testing

@Suite("Body limits")
struct BodyLimitTests {
    private static let limits = BodyLimit(defaultBytes: 64, paths: ["/small": 16, "/large": 1_000])

    private func start(_ calls: Counter) throws -> (server: HTTPServer, port: Int) {
        try startServer(HTTPServerConfiguration(bodyLimit: Self.limits)) { request in
            calls.increment()
            return await echo(request)
        }
    }

    @Test(
        "Each path gets its own limit, inclusive",
        arguments: [
            ("/small", 16, 200), ("/small", 17, 413),
            ("/other", 64, 200), ("/other", 65, 413),
            ("/large", 1_000, 200), ("/large", 1_001, 413),
        ]
    )
    func perPathLimits(path: String, size: Int, expected: Int) async throws {
        let calls = Counter()
        let (server, port) = try start(calls)
        defer { server.stop() }
        let body = String(repeating: "x", count: size)
        let response = try await rawExchange(
            port: port,
            "POST \(path) HTTP/1.1\r\nHost: x\r\nContent-Length: \(size)\r\n\r\n\(body)"
        )
        #expect(response.status == expected)
        #expect(calls.count == (expected == 200 ? 1 : 0))
        if expected == 413 {
            #expect(response.header("content-type") == "application/json")
            #expect(response.text.contains(#""error":"body_too_large""#))
        }
    }

    @Test("An announced Content-Length over the limit is refused before any body byte is sent")
    func declaredLengthRefusedEarly() async throws {
        let calls = Counter()
        let (server, port) = try start(calls)
        defer { server.stop() }
        // No body follows: the answer can only come from the header check.
        let (response, closed) = try await onOwnThread {
            let connection = try RawConnection(port: port)
            try connection.send("POST /small HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n")
            let response = try connection.readResponse()
            return (response, connection.isClosedByPeer())
        }
        #expect(response.status == 413)
        #expect(response.header("connection")?.lowercased() == "close")
        #expect(closed)
        #expect(calls.count == 0)
    }

    @Test("Expect: 100-continue with too large a length gets 413 and no 100")
    func expectContinue() async throws {
        let calls = Counter()
        let (server, port) = try start(calls)
        defer { server.stop() }
        let response = try await rawExchange(
            port: port,
            "POST /small HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n"
        )
        #expect(response.status == 413)
        #expect(calls.count == 0)
    }

    @Test("A chunked body that grows past the limit gets 413 and never reaches the handler")
    func chunkedOverLimit() async throws {
        let calls = Counter()
        let (server, port) = try start(calls)
        defer { server.stop() }
        let chunk = String(repeating: "y", count: 10)
        let chunks = String(repeating: "a\r\n\(chunk)\r\n", count: 3)
        let response = try await rawExchange(
            port: port,
            "POST /small HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n\(chunks)0\r\n\r\n"
        )
        #expect(response.status == 413)
        #expect(response.text.contains("body_too_large"))
        #expect(calls.count == 0)
    }

    @Test("A chunked upload far past the limit is cut off instead of read to the end")
    func chunkedFloodClosed() async throws {
        let calls = Counter()
        let (server, port) = try start(calls)
        defer { server.stop() }
        let outcome = try await onOwnThread { () -> String in
            let connection = try RawConnection(port: port)
            try connection.send("POST /small HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
            let chunk = Array("10000\r\n".utf8) + [UInt8](repeating: 0x41, count: 0x10000) + Array("\r\n".utf8)
            // 64 MiB would take a while to swallow; the server gives up after its allowance.
            for _ in 0..<1_024 {
                do { try connection.send(chunk) } catch { return "closed while sending" }
            }
            return "sent everything"
        }
        #expect(outcome == "closed while sending")
        #expect(calls.count == 0)
    }

    @Test("BodyLimit closure sees method and path")
    func closureLimit() async throws {
        let limit = BodyLimit { method, path in method == "PUT" && path == "/upload" ? 4 : 100 }
        #expect(limit.bytes(method: "PUT", path: "/upload") == 4)
        #expect(limit.bytes(method: "POST", path: "/upload") == 100)
        #expect(BodyLimit { _, _ in -5 }.bytes(method: "GET", path: "/") == 0)
        #expect(BodyLimit().bytes(method: "POST", path: "/any") == 256 * 1024)

        let (server, port) = try startServer(HTTPServerConfiguration(bodyLimit: limit), handler: echo)
        defer { server.stop() }
        let put = try await rawExchange(
            port: port,
            "PUT /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n12345"
        )
        let post = try await rawExchange(
            port: port,
            "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\n12345"
        )
        #expect(put.status == 413)
        #expect(post.status == 200)
    }
}
