import HTTPServer

/// Sends each request to the handler registered for its path, answering unknown paths with 404
/// and known paths with the wrong method with 405, both as JSON errors.
struct PathRouter: HTTPHandler {
    struct Route: Sendable {
        var method: String
        var path: String
        var handler: any HTTPHandler
    }

    var routes: [Route]

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let forPath = routes.filter { $0.path == request.path }
        guard !forPath.isEmpty else {
            return .jsonError(404, code: "not_found", message: "No such path.")
        }
        guard let route = forPath.first(where: { $0.method == request.method }) else {
            var response = HTTPResponse.jsonError(405, code: "method_not_allowed", message: "Method not allowed.")
            response.headers.set("Allow", forPath.map(\.method).joined(separator: ", "))
            return response
        }
        return await route.handler.handle(request)
    }
}
