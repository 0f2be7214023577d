import HTTPServer
import SkillSupport
import Testing

@Suite("Request logging")
struct LoggingTests {
    @Test("One debug line per request with method, path, status and duration; no secrets")
    func requestLine() async throws {
        let sink = InMemoryLogSink()
        let logger = Logger(label: "test", minimumLevel: .debug, sink: sink)
        let configuration = HTTPServerConfiguration(bodyLimit: BodyLimit(bytes: 64))
        let (server, port) = try startServer(configuration, logger: logger) { _ in .text(200, "fine") }
        defer { server.stop() }

        let body = "sekrit-body"
        let ok = try await rawExchange(
            port: port,
            """
            POST /alexa?code=sekrit-code HTTP/1.1\r
            Host: x\r
            Authorization: Bearer sekrit-token\r
            Content-Length: \(body.utf8.count)\r
            \r
            \(body)
            """
        )
        let tooLarge = try await rawExchange(port: port, "PUT /big HTTP/1.1\r\nHost: x\r\nContent-Length: 65\r\n\r\n")
        #expect(ok.status == 200)
        #expect(tooLarge.status == 413)

        let lines = sink.records.filter { $0.event == "http.request" }
        try #require(lines.count == 2)
        #expect(lines[0].level == .debug)
        #expect(lines[0].metadata["http.method"] == "POST")
        #expect(lines[0].metadata["http.path"] == "/alexa")
        #expect(lines[0].metadata["http.status"] == "200")
        #expect(lines[0].metadata["http.duration_ms"].flatMap(Double.init).map { $0 >= 0 } == true)
        #expect(lines[1].metadata["http.method"] == "PUT")
        #expect(lines[1].metadata["http.status"] == "413")
        #expect(!sink.text.contains("sekrit"))
    }

    @Test("Nothing per request above debug level")
    func quietAtInfo() async throws {
        let sink = InMemoryLogSink()
        let logger = Logger(label: "test", minimumLevel: .info, sink: sink)
        let (server, port) = try startServer(logger: logger, handler: echo)
        defer { server.stop() }
        _ = try await rawExchange(port: port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(sink.records.isEmpty)
    }
}
