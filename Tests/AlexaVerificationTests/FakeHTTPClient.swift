import Foundation
import SkillSupport
import Synchronization

/// An HTTP client that answers every request the same way, after an optional delay, and
/// records which URLs it was asked for.
final class FakeHTTPClient: HTTPClient {
    private let status: Int
    private let body: [UInt8]
    private let delay: Duration
    private let failure: HTTPClientError?
    private let requested = Mutex<[URL]>([])

    init(status: Int = 200, body: [UInt8], delay: Duration = .zero, failure: HTTPClientError? = nil) {
        self.status = status
        self.body = body
        self.delay = delay
        self.failure = failure
    }

    var requestedURLs: [URL] { requested.withLock { $0 } }
    var requestCount: Int { requestedURLs.count }

    func send(_ request: OutboundRequest) async throws(HTTPClientError) -> OutboundResponse {
        requested.withLock { $0.append(request.url) }
        if delay > .zero {
            try? await Task.sleep(for: delay)
        }
        if let failure { throw failure }
        return OutboundResponse(status: status, body: Data(body))
    }
}
