import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Outbound HTTP over Foundation's `URLSession`, with a hard deadline for the whole exchange,
/// a response-size cap, no cookies, no caching and (by default) no redirects, so the URL a
/// caller checked is the URL that is fetched.
///
/// A 401 answer carrying `WWW-Authenticate` is returned with its status and headers but an
/// empty body: FoundationNetworking on Linux (6.3.1) either waits forever on such a challenge
/// or cancels the task, and never hands over the body (swift-corelibs-foundation issue 5456,
/// fixed after 6.3.1). The client never answers challenges with credentials of its own.
public final class URLSessionHTTPClient: HTTPClient {
    private let session: URLSession
    private let delegate: SessionDelegate

    /// - Parameter followRedirects: whether 3xx answers are followed; off by default.
    public init(followRedirects: Bool = false) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpAdditionalHeaders = ["User-Agent": Self.userAgent]
        delegate = SessionDelegate(followRedirects: followRedirects)
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    public func send(_ request: OutboundRequest) async throws(HTTPClientError) -> OutboundResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        // FoundationNetworking on Linux truncates this interval to whole seconds (0.5 s times out at
        // once), so URLSession gets a rounded-up margin and the deadline below enforces the real limit.
        urlRequest.timeoutInterval = request.timeout.rounded(.up) + 1
        urlRequest.httpBody = request.body
        for (name, value) in request.headers {
            urlRequest.setValue(value, forHTTPHeaderField: name)
        }

        let limit = request.maxResponseBytes
        let outcome = await withDeadline(
            seconds: request.timeout,
            onTimeout: Outcome.failure(HTTPClientError(.timeout, "no answer within \(request.timeout) s"))
        ) { [session, delegate, urlRequest] in
            await Self.exchange(urlRequest, on: session, delegate: delegate, limit: limit)
        }
        return try outcome.get()
    }

    private typealias Outcome = Result<OutboundResponse, HTTPClientError>

    /// Sent with every request instead of Foundation's default, which names libcurl.
    public static let userAgent = "alexa-skill-server"

    /// One data task; cancelling the calling task (the deadline does) cancels the transfer.
    private static func exchange(
        _ request: URLRequest,
        on session: URLSession,
        delegate: SessionDelegate,
        limit: Int
    ) async -> Outcome {
        let running = Mutex<URLSessionDataTask?>(nil)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
                let task = session.dataTask(with: request) { data, response, error in
                    let identifier = running.withLock { $0?.taskIdentifier }
                    if let identifier, let challenged = delegate.takeChallengedResponse(of: identifier) {
                        continuation.resume(
                            returning: outcome(data: nil, response: challenged, error: nil, limit: limit)
                        )
                        return
                    }
                    continuation.resume(returning: outcome(data: data, response: response, error: error, limit: limit))
                }
                running.withLock { $0 = task }
                task.resume()
                // A deadline that passed before the task existed found nothing to cancel.
                if Task.isCancelled { task.cancel() }
            }
        } onCancel: {
            running.withLock { $0?.cancel() }
        }
    }

    private static func outcome(data: Data?, response: URLResponse?, error: (any Error)?, limit: Int) -> Outcome {
        if let error {
            let nsError = error as NSError
            if nsError.code == NSURLErrorTimedOut {
                return .failure(HTTPClientError(.timeout, "request timed out"))
            }
            return .failure(HTTPClientError(.unreachable, "\(nsError.domain) \(nsError.code)"))
        }
        guard let http = response as? HTTPURLResponse else {
            return .failure(HTTPClientError(.invalidResponse, "not an HTTP response"))
        }
        let body = data ?? Data()
        guard body.count <= limit else {
            return .failure(HTTPClientError(.responseTooLarge, "\(body.count) bytes, limit \(limit)"))
        }
        if (300..<400).contains(http.statusCode), http.value(forHTTPHeaderField: "Location") != nil {
            return .failure(HTTPClientError(.redirectRefused, "status \(http.statusCode)"))
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String {
                headers[name.lowercased()] = value
            }
        }
        return .success(OutboundResponse(status: http.statusCode, headers: headers, body: body))
    }
}

/// Refuses redirects unless asked to follow them, and turns authentication challenges into
/// plain answers (see `URLSessionHTTPClient`).
private final class SessionDelegate: NSObject, URLSessionTaskDelegate, Sendable {
    let followRedirects: Bool
    private let challenged = Mutex<[Int: HTTPURLResponse]>([:])

    init(followRedirects: Bool) {
        self.followRedirects = followRedirects
    }

    /// The 401 answer that ended task `identifier` with a challenge, if one did.
    func takeChallengedResponse(of identifier: Int) -> HTTPURLResponse? {
        challenged.withLock { $0.removeValue(forKey: identifier) }
    }

    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest,
        completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(followRedirects ? request : nil)
    }

    func urlSession(
        _ session: URLSession,
        task: URLSessionTask,
        didReceive challenge: URLAuthenticationChallenge,
        completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void
    ) {
        // Only HTTP authentication (a 401 or 407 answer) is turned into a response; anything
        // else keeps the system's handling.
        guard let response = challenge.failureResponse as? HTTPURLResponse, [401, 407].contains(response.statusCode)
        else {
            completionHandler(.performDefaultHandling, nil)
            return
        }
        challenged.withLock { $0[task.taskIdentifier] = response }
        completionHandler(.cancelAuthenticationChallenge, nil)
    }
}
