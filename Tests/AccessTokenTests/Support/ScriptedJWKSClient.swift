import Foundation
import SkillSupport
import Synchronization

/// A test double of `HTTPClient` standing in for an issuer's JWKS endpoint: it counts
/// requests and records their URLs, and can be told to serve, fail or hang.
final class ScriptedJWKSClient: HTTPClient {
    enum Behaviour: Sendable {
        case serve(document: String, cacheControl: String?)
        /// Serves after a delay, so concurrent callers pile up behind one request.
        case slow(document: String, seconds: Double)
        case status(Int)
        case unreachable
        /// Never answers (until cancelled).
        case hang
    }

    private let behaviour: Mutex<Behaviour>
    private let requests = Mutex<[URL]>([])

    init(_ behaviour: Behaviour) {
        self.behaviour = Mutex(behaviour)
    }

    func set(_ newBehaviour: Behaviour) {
        behaviour.withLock { $0 = newBehaviour }
    }

    var requestCount: Int { requests.withLock { $0.count } }
    var requestedURLs: [URL] { requests.withLock { $0 } }

    func send(_ request: OutboundRequest) async throws(HTTPClientError) -> OutboundResponse {
        requests.withLock { $0.append(request.url) }
        switch behaviour.withLock({ $0 }) {
        case .serve(let document, let cacheControl):
            var headers = ["Content-Type": "application/json"]
            if let cacheControl { headers["Cache-Control"] = cacheControl }
            return OutboundResponse(status: 200, headers: headers, body: Data(document.utf8))
        case .slow(let document, let seconds):
            try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
            return OutboundResponse(status: 200, body: Data(document.utf8))
        case .status(let status):
            return OutboundResponse(status: status, body: Data("{}".utf8))
        case .unreachable:
            throw HTTPClientError(.unreachable, "scripted")
        case .hang:
            try? await Task.sleep(nanoseconds: 300_000_000_000)
            throw HTTPClientError(.timeout, "scripted hang")
        }
    }
}
