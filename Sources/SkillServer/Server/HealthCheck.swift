import HTTPServer

/// `GET /healthz`: answers 200 while the server is accepting requests.
struct HealthCheck: HTTPHandler {
    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        .json(200, Array(#"{"status":"ok"}"#.utf8))
    }
}
