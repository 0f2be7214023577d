import Foundation
import HTTPServer
import SkillSupport
import Testing

@Suite("Requests and responses")
struct RoundTripTests {
    @Test("GET and POST through URLSessionHTTPClient")
    func urlSessionRoundTrip() async throws {
        let (server, port) = try startServer(handler: echo)
        defer { server.stop() }
        let client = URLSessionHTTPClient()
        let base = try #require(URL(string: "http://127.0.0.1:\(port)"))

        let get = try await client.send(OutboundRequest(url: base.appendingPathComponent("hello"), timeout: 10))
        #expect(get.status == 200)
        #expect(get.header("x-method") == "GET")
        #expect(get.header("x-path") == "/hello")
        #expect(get.body.isEmpty)

        let payload = Data(#"{"version":"1.0"}"#.utf8)
        let post = try await client.send(
            OutboundRequest(
                url: base.appendingPathComponent("alexa"),
                method: "POST",
                headers: ["Content-Type": "application/json"],
                body: payload,
                timeout: 10
            )
        )
        #expect(post.status == 200)
        #expect(post.header("x-method") == "POST")
        #expect(post.body == payload)
        #expect(post.header("content-length") == String(payload.count))
    }

    @Test("Query parameters are form-decoded, the path only percent-decoded")
    func queryAndPathDecoding() async throws {
        let (server, port) = try startServer(handler: echo)
        defer { server.stop() }

        let response = try await rawExchange(
            port: port,
            """
            GET /a%20b+c/%C3%A9?q=a+b%2Bc&q=2&flag&empty=&na%6De=%E2%9C%93&bad=%zz HTTP/1.1\r
            Host: 127.0.0.1\r
            \r

            """
        )
        #expect(response.status == 200)
        #expect(response.header("x-path") == "/a b+c/é")
        let items = response.headers.filter { $0.name == "X-Query" }.map(\.value)
        #expect(items == ["q=a b+c", "q=2", "flag=", "empty=", "name=✓", "bad=%zz"])
    }

    @Test("The query dictionary keeps the first of repeated names")
    func queryDictionary() async throws {
        let (server, port) = try startServer { request in
            .text(200, "\(request.query["q"] ?? "-") \(request.query.count)")
        }
        defer { server.stop() }
        let response = try await rawExchange(port: port, "GET /?q=1&q=2&r=3 HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(response.text == "1 2")
    }

    @Test("Repeated header fields arrive in order, names compare case-insensitively")
    func repeatedHeaders() async throws {
        let (server, port) = try startServer { request in
            let values = request.headers.values("x-multi").joined(separator: "|")
            return .text(200, "\(values);\(request.headers["X-SINGLE"] ?? "-")")
        }
        defer { server.stop() }
        let response = try await rawExchange(
            port: port,
            """
            GET / HTTP/1.1\r
            Host: 127.0.0.1\r
            X-Multi: one\r
            x-single: only\r
            X-Multi: two, three\r
            \r

            """
        )
        #expect(response.text == "one|two, three;only")
    }

    @Test("An empty POST body reaches the handler as empty")
    func emptyBody() async throws {
        let calls = Counter()
        let (server, port) = try startServer { request in
            calls.increment()
            return .text(200, "bytes=\(request.body.count)")
        }
        defer { server.stop() }
        let response = try await rawExchange(port: port, "POST /e HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
        #expect(response.status == 200)
        #expect(response.text == "bytes=0")
        #expect(calls.count == 1)
    }

    @Test("A body just under the default limit arrives intact")
    func largeBody() async throws {
        let (server, port) = try startServer(handler: echo)
        defer { server.stop() }
        let body = (0..<(BodyLimit.defaultBytes - 1)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let response = try await onOwnThread {
            let connection = try RawConnection(port: port)
            try connection.send("POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.count)\r\n\r\n")
            try connection.send(body)
            return try connection.readResponse()
        }
        #expect(response.status == 200)
        #expect(response.body == body)
    }

    @Test("A chunked body under the limit is reassembled")
    func chunkedBody() async throws {
        let (server, port) = try startServer(handler: echo)
        defer { server.stop() }
        let response = try await rawExchange(
            port: port,
            """
            POST /c HTTP/1.1\r
            Host: x\r
            Transfer-Encoding: chunked\r
            \r
            5\r
            hello\r
            6\r
             world\r
            0\r
            \r

            """
        )
        #expect(response.text == "hello world")
    }

    @Test("Keep-alive: several requests on one connection")
    func keepAlive() async throws {
        let (server, port) = try startServer(handler: echo)
        defer { server.stop() }
        let bodies = try await onOwnThread {
            let connection = try RawConnection(port: port)
            var bodies: [String] = []
            for index in 0..<3 {
                let body = "request \(index)"
                try connection.send("POST /k HTTP/1.1\r\nHost: x\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
                let response = try connection.readResponse()
                #expect(response.header("connection")?.lowercased() != "close")
                bodies.append(response.text)
            }
            return bodies
        }
        #expect(bodies == ["request 0", "request 1", "request 2"])
    }

    @Test("Status, headers and body come back as the handler set them")
    func responseFields() async throws {
        let (server, port) = try startServer { _ in
            var headers = HTTPHeaders()
            headers.add("Set-Cookie", "a=1")
            headers.add("Set-Cookie", "b=2")
            headers.add("Cache-Control", "no-store")
            headers.add("Content-Length", "999")
            return HTTPResponse(status: 418, headers: headers, body: Array("teapot".utf8))
        }
        defer { server.stop() }
        let response = try await rawExchange(port: port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(response.status == 418)
        #expect(response.headers.filter { $0.name == "Set-Cookie" }.map(\.value) == ["a=1", "b=2"])
        #expect(response.header("cache-control") == "no-store")
        #expect(response.headers.filter { $0.name.lowercased() == "content-length" }.map(\.value) == ["6"])
        #expect(response.text == "teapot")
    }

    @Test("A header value with CR LF is dropped rather than split into a second header")
    func headerInjection() async throws {
        let (server, port) = try startServer { _ in
            var headers = HTTPHeaders()
            headers.add("X-Safe", "yes")
            headers.add("X-Evil", "a\r\nInjected: yes")
            return HTTPResponse(status: 200, headers: headers, body: Array("ok".utf8))
        }
        defer { server.stop() }
        let response = try await rawExchange(port: port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(response.status == 200)
        #expect(response.header("x-safe") == "yes")
        #expect(response.header("injected") == nil)
        #expect(response.header("x-evil") == nil)
    }

    @Test("A status outside 200...599 becomes 500", arguments: [0, 99, 101, 600, 9999, -1])
    func invalidStatus(status: Int) async throws {
        let (server, port) = try startServer { _ in HTTPResponse(status: status) }
        defer { server.stop() }
        let response = try await rawExchange(port: port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(response.status == 500)
    }
}
