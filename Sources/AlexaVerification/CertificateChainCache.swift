import Foundation
import SkillSupport

/// Downloads and keeps certificate chains, keyed by the normalised URL.
///
/// - Bounded: at most `maxEntries` chains, the least recently used one leaves first; at most
///   `maxConcurrentFetches` downloads of URLs never loaded before run at once (more fail with
///   `cert_fetch_failed`), so a flood of made-up URLs cannot take the slots a known chain needs:
///   refreshing a cached chain never waits for a slot.
/// - One download in flight per URL: concurrent requests for it share the same fetch.
/// - Each download has a hard deadline (`fetchTimeout`, 2 s by default).
/// - With a chain directory, `DIR/<file name of the URL>` is read instead of downloading
///   when that file exists.
/// - Failures are not cached. A chain older than `maxAge` is fetched again; if that fails, the
///   cached copy keeps serving (it is checked on every use all the same) until a refresh works.
///
/// The cache only stores parsed chains; the verifier re-checks dates, name and trust on every use.
public actor CertificateChainCache: CertificateChainProvider {
    private struct Entry {
        var chain: CertificateChain
        var fetchedAt: Date
        var lastUse: UInt64
    }

    private typealias Fetch = Task<Result<CertificateChain, RequestVerificationError>, Never>

    private let loader: CertificateChainLoader
    private let maxEntries: Int
    private let maxConcurrentFetches: Int
    private let maxAge: TimeInterval
    private let clock: any WallClock
    private let logger: Logger
    private var entries: [CertificateChainURL: Entry] = [:]
    private var fetches: [CertificateChainURL: Fetch] = [:]
    private var useCounter: UInt64 = 0

    /// - Parameters:
    ///   - httpClient: how chains are downloaded (`URLSessionHTTPClient` in production).
    ///   - chainDirectory: a directory consulted before downloading, or nil.
    ///   - fetchTimeout: the deadline of one download, in seconds.
    ///   - maxEntries: how many chains are kept (at least 1).
    ///   - maxConcurrentFetches: how many downloads may run at once (at least 1).
    ///   - maxAge: after this many seconds a cached chain is downloaded again.
    public init(
        httpClient: any HTTPClient,
        chainDirectory: String? = nil,
        fetchTimeout: TimeInterval = 2,
        maxEntries: Int = 16,
        maxConcurrentFetches: Int = 8,
        maxAge: TimeInterval = 24 * 3600,
        clock: any WallClock = SystemWallClock(),
        logger: Logger = .disabled
    ) {
        loader = CertificateChainLoader(
            httpClient: httpClient,
            chainDirectory: chainDirectory,
            timeout: fetchTimeout,
            logger: logger
        )
        self.maxEntries = max(1, maxEntries)
        self.maxConcurrentFetches = max(1, maxConcurrentFetches)
        self.maxAge = maxAge
        self.clock = clock
        self.logger = logger
    }

    /// How many chains are cached now.
    public var count: Int { entries.count }

    /// Whether a chain for `url` is cached now.
    public func contains(_ url: CertificateChainURL) -> Bool { entries[url] != nil }

    public func chain(for url: CertificateChainURL) async throws(RequestVerificationError) -> CertificateChain {
        useCounter += 1
        let cached = entries[url]
        if var entry = cached, clock.now().timeIntervalSince(entry.fetchedAt) <= maxAge {
            entry.lastUse = useCounter
            entries[url] = entry
            return entry.chain
        }

        let fetch: Fetch
        if let running = fetches[url] {
            fetch = running
        } else {
            let newURLsInFlight = fetches.keys.filter { entries[$0] == nil }.count
            guard cached != nil || newURLsInFlight < maxConcurrentFetches else {
                throw RequestVerificationError(.certFetchFailed, "too many chain downloads in flight")
            }
            let loader = loader
            fetch = Task { await loader.load(url) }
            fetches[url] = fetch
        }

        let result = await fetch.value

        // The first waiter back files the result; the others find the fetch already gone.
        if fetches[url] == fetch {
            fetches[url] = nil
            if case .success(let chain) = result {
                store(chain, for: url)
            }
        }
        if case .failure(let error) = result, let stale = entries[url] {
            logger.debug(
                "alexa.cert_chain.stale_served",
                ["cert.url": url.description, "error.code": error.code.rawValue]
            )
            return stale.chain
        }
        return try result.get()
    }

    private func store(_ chain: CertificateChain, for url: CertificateChainURL) {
        useCounter += 1
        entries[url] = Entry(chain: chain, fetchedAt: clock.now(), lastUse: useCounter)
        while entries.count > maxEntries {
            guard let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key else { break }
            entries[oldest] = nil
            logger.debug("alexa.cert_chain.evicted", ["cert.url": oldest.description])
        }
    }
}

/// Reads one chain from the chain directory or downloads it under a deadline.
struct CertificateChainLoader: Sendable {
    /// Published chains are a few kilobytes; anything far larger is not one.
    static let maxChainBytes = 256 * 1024

    let httpClient: any HTTPClient
    let chainDirectory: String?
    let timeout: TimeInterval
    let logger: Logger

    func load(_ url: CertificateChainURL) async -> Result<CertificateChain, RequestVerificationError> {
        if let chainDirectory {
            let path = URL(fileURLWithPath: chainDirectory).appendingPathComponent(url.fileName).path
            if FileManager.default.fileExists(atPath: path) {
                logger.debug("alexa.cert_chain.local", ["cert.url": url.description])
                guard let contents = FileManager.default.contents(atPath: path),
                    contents.count <= Self.maxChainBytes
                else {
                    return .failure(RequestVerificationError(.certFetchFailed, "local chain file unreadable"))
                }
                return Result { () throws(RequestVerificationError) in try CertificateChain(pem: Array(contents)) }
            }
        }

        let request = OutboundRequest(url: url.url, timeout: timeout, maxResponseBytes: Self.maxChainBytes)
        switch await sendWithDeadline(request) {
        case .failure(let error):
            logger.debug(
                "alexa.cert_chain.fetch_failed",
                ["cert.url": url.description, "error.code": error.code.rawValue]
            )
            return .failure(RequestVerificationError(.certFetchFailed, "download: \(error.code.rawValue)"))
        case .success(let response):
            guard response.status == 200 else {
                logger.debug(
                    "alexa.cert_chain.fetch_failed",
                    ["cert.url": url.description, "http.status": "\(response.status)"]
                )
                return .failure(RequestVerificationError(.certFetchFailed, "download answered \(response.status)"))
            }
            logger.debug(
                "alexa.cert_chain.fetched",
                ["cert.url": url.description, "http.body_bytes": "\(response.body.count)"]
            )
            return Result { () throws(RequestVerificationError) in try CertificateChain(pem: Array(response.body)) }
        }
    }

    /// Sends `request`, answering `timeout` after `self.timeout` seconds even when the client
    /// ignores its own deadline or cancellation.
    private func sendWithDeadline(_ request: OutboundRequest) async -> Result<OutboundResponse, HTTPClientError> {
        let client = httpClient
        let timeout = timeout
        return await withDeadline(
            seconds: timeout,
            onTimeout: .failure(HTTPClientError(.timeout, "no chain within \(timeout) s"))
        ) {
            do throws(HTTPClientError) {
                return .success(try await client.send(request))
            } catch {
                return .failure(error)
            }
        }
    }
}
