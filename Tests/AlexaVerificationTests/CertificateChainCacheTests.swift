import AlexaVerification
import Foundation
import SkillCrypto
import SkillSupport
import Synchronization
import Testing

@Suite("Certificate chain cache", .enabled(if: TestPKI.available, "openssl CLI unavailable: \(TestPKI.shared)"))
struct CertificateChainCacheTests {
    let pki: TestPKI

    init() throws {
        pki = try TestPKI.get()
    }

    private func url(_ name: String) throws -> CertificateChainURL {
        try CertificateChainURL("https://s3.amazonaws.com/echo.api/\(name)")
    }

    @Test func concurrentRequestsShareOneFetch() async throws {
        let client = FakeHTTPClient(body: pki.chainPEM, delay: .milliseconds(200))
        let cache = CertificateChainCache(httpClient: client)
        let target = try url("shared.pem")

        let successes = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<20 {
                group.addTask { (try? await cache.chain(for: target)) != nil }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(successes == 20)
        #expect(client.requestCount == 1)

        _ = try await cache.chain(for: target)
        #expect(client.requestCount == 1)
    }

    @Test func fetchesExactlyTheNormalisedURLAndKeysByIt() async throws {
        let client = FakeHTTPClient(body: pki.chainPEM)
        let cache = CertificateChainCache(httpClient: client)
        _ = try await cache.chain(
            for: CertificateChainURL("HTTPS://S3.AMAZONAWS.COM:443/echo.api/../echo.api/%63ert.pem")
        )
        _ = try await cache.chain(for: CertificateChainURL("https://s3.amazonaws.com/echo.api/cert.pem"))
        #expect(client.requestedURLs.map(\.absoluteString) == ["https://s3.amazonaws.com/echo.api/cert.pem"])
    }

    @Test func sizeIsBoundedAndTheLeastRecentlyUsedLeavesFirst() async throws {
        let client = FakeHTTPClient(body: pki.chainPEM)
        let cache = CertificateChainCache(httpClient: client, maxEntries: 2)
        let a = try url("a.pem")
        let b = try url("b.pem")
        let c = try url("c.pem")

        _ = try await cache.chain(for: a)
        _ = try await cache.chain(for: b)
        _ = try await cache.chain(for: a)
        _ = try await cache.chain(for: c)

        #expect(await cache.count == 2)
        #expect(await cache.contains(a))
        #expect(await !cache.contains(b))
        #expect(await cache.contains(c))
        #expect(client.requestCount == 3)

        _ = try await cache.chain(for: b)
        #expect(client.requestCount == 4)
        #expect(await cache.count == 2)
    }

    @Test func slowDownloadTimesOut() async throws {
        let client = FakeHTTPClient(body: pki.chainPEM, delay: .seconds(30))
        let cache = CertificateChainCache(httpClient: client, fetchTimeout: 0.2)
        await #expect(throws: RequestVerificationError.self) { _ = try await cache.chain(for: try url("slow.pem")) }
        let slow = try url("slow.pem")
        do {
            _ = try await cache.chain(for: slow)
            Issue.record("a download slower than the deadline succeeded")
        } catch {
            #expect(error.code == .certFetchFailed)
        }
        #expect(await cache.count == 0)
    }

    @Test func clientTimeoutIsAFetchFailure() async throws {
        let client = FakeHTTPClient(body: [], failure: HTTPClientError(.timeout))
        let cache = CertificateChainCache(httpClient: client)
        await #expect(throws: RequestVerificationError(.certFetchFailed, "download: timeout")) {
            _ = try await cache.chain(for: try url("x.pem"))
        }
    }

    @Test func failuresAreNotCached() async throws {
        let client = FakeHTTPClient(status: 500, body: [])
        let cache = CertificateChainCache(httpClient: client)
        for _ in 0..<2 {
            await #expect(throws: RequestVerificationError.self) { _ = try await cache.chain(for: try url("x.pem")) }
        }
        #expect(client.requestCount == 2)
    }

    @Test func garbageIsAFetchFailure() async throws {
        let cache = CertificateChainCache(httpClient: FakeHTTPClient(body: Array("<html>nope</html>".utf8)))
        let target = try url("x.pem")
        do {
            _ = try await cache.chain(for: target)
            Issue.record("garbage accepted as a chain")
        } catch {
            #expect(error.code == .certFetchFailed)
        }
    }

    @Test func chainDirectoryIsConsultedBeforeDownloading() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chains-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data(pki.chainPEM).write(to: directory.appendingPathComponent("local.pem"))

        let client = FakeHTTPClient(body: pki.chainPEM)
        let cache = CertificateChainCache(httpClient: client, chainDirectory: directory.path)
        let chain = try await cache.chain(for: try url("local.pem"))
        #expect(chain.certificates.count == 2)
        #expect(client.requestCount == 0)

        _ = try await cache.chain(for: try url("elsewhere.pem"))
        #expect(client.requestCount == 1)
    }

    @Test func cachedChainIsRecheckedOnEveryUse() async throws {
        let clock = ManualWallClock(TestPKI.referenceTime)
        let client = FakeHTTPClient(body: pki.chainPEM)
        let cache = CertificateChainCache(httpClient: client, maxAge: 10 * 365 * 24 * 3600, clock: clock)
        let verifier = AlexaRequestVerifier(
            policy: RequestVerificationPolicy(allowedSkillIDs: [RequestFixtures.skillID]),
            chainProvider: cache,
            trustStore: try TrustStore.anchors(X509Certificate.chain(pem: pki.rootPEM)),
            clock: clock
        )

        let first = RequestFixtures.envelope(timestamp: clock.now())
        let firstHeaders = RequestFixtures.headers(signature256: try pki.sign(first))
        #expect(await RequestFixtures.rejection(verifier, body: first, headers: firstHeaders) == nil)

        // The test leaf ends 2027-01-01; a year later the cached chain must no longer pass.
        clock.advance(by: 365 * 24 * 3600)
        let later = RequestFixtures.envelope(timestamp: clock.now())
        let laterHeaders = RequestFixtures.headers(signature256: try pki.sign(later))
        #expect(await RequestFixtures.rejection(verifier, body: later, headers: laterHeaders) == .certExpired)
        #expect(client.requestCount == 1)
    }

    @Test func chainOlderThanMaxAgeIsFetchedAgain() async throws {
        let clock = ManualWallClock(TestPKI.referenceTime)
        let client = FakeHTTPClient(body: pki.chainPEM)
        let cache = CertificateChainCache(httpClient: client, maxAge: 60, clock: clock)
        _ = try await cache.chain(for: try url("x.pem"))
        clock.advance(by: 30)
        _ = try await cache.chain(for: try url("x.pem"))
        #expect(client.requestCount == 1)
        clock.advance(by: 31)
        _ = try await cache.chain(for: try url("x.pem"))
        #expect(client.requestCount == 2)
    }
}

/// Answers each request by the URL's file name: `hang` never answers (until cancelled), `fail`
/// fails, anything else gets the chain; `failing` switches every answer to a failure.
private final class RoutedChainClient: HTTPClient {
    let chain: [UInt8]
    let failing = Mutex(false)
    let requests = Mutex<[String]>([])

    init(chain: [UInt8]) {
        self.chain = chain
    }

    func send(_ request: OutboundRequest) async throws(HTTPClientError) -> OutboundResponse {
        let name = request.url.lastPathComponent
        requests.withLock { $0.append(name) }
        if name.hasPrefix("hang") {
            try? await Task.sleep(for: .seconds(30))
            throw HTTPClientError(.timeout)
        }
        if failing.withLock({ $0 }) || name.hasPrefix("fail") { throw HTTPClientError(.unreachable) }
        return OutboundResponse(status: 200, body: Data(chain))
    }
}

@Suite(
    "Certificate chain cache under pressure",
    .enabled(if: TestPKI.available, "openssl CLI unavailable: \(TestPKI.shared)")
)
struct CertificateChainCachePressureTests {
    private func url(_ name: String) throws -> CertificateChainURL {
        try CertificateChainURL("https://s3.amazonaws.com/echo.api/\(name)")
    }

    @Test func anExpiredChainKeepsServingWhenItsRefreshFails() async throws {
        let pki = try TestPKI.get()
        let clock = ManualWallClock(TestPKI.referenceTime)
        let client = RoutedChainClient(chain: pki.chainPEM)
        let cache = CertificateChainCache(httpClient: client, maxAge: 60, clock: clock)
        let first = try await cache.chain(for: try url("known.pem"))

        client.failing.withLock { $0 = true }
        clock.advance(by: 61)
        let served = try await cache.chain(for: try url("known.pem"))
        #expect(served.leaf.derBytes == first.leaf.derBytes)
        #expect(client.requests.withLock { $0 } == ["known.pem", "known.pem"], "the refresh was attempted")
    }

    @Test func madeUpURLsCannotTakeTheSlotAKnownChainNeeds() async throws {
        let pki = try TestPKI.get()
        let clock = ManualWallClock(TestPKI.referenceTime)
        let client = RoutedChainClient(chain: pki.chainPEM)
        let cache = CertificateChainCache(
            httpClient: client,
            fetchTimeout: 20,
            maxConcurrentFetches: 1,
            maxAge: 60,
            clock: clock
        )
        _ = try await cache.chain(for: try url("known.pem"))
        clock.advance(by: 61)

        // A made-up URL holds the only slot for new URLs.
        let flood = Task { try? await cache.chain(for: try url("hang-1.pem")) }
        while !client.requests.withLock({ $0.contains("hang-1.pem") }) {
            try await Task.sleep(for: .milliseconds(5))
        }
        let second = try url("fail-2.pem")
        do {
            _ = try await cache.chain(for: second)
            Issue.record("a second new URL got a download slot")
        } catch {
            #expect(error.code == .certFetchFailed)
        }

        // The known chain's refresh does not need that slot.
        _ = try await cache.chain(for: try url("known.pem"))
        #expect(client.requests.withLock { $0.filter { $0 == "known.pem" }.count } == 2)
        flood.cancel()
    }
}
