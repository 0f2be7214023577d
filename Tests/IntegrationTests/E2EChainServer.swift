import Foundation
import HTTPServer
import SkillSupport
import Synchronization

/// A loopback HTTPS server standing in for `s3.amazonaws.com`: it presents the test server
/// certificate and serves one signing chain at `/echo.api/<chainFileName>`; every other path
/// is 404. It counts what it is asked, so tests can prove a chain was downloaded once, or that
/// a bad URL caused no traffic at all.
final class E2EChainServer: Sendable {
    static let chainFileName = "echo-api-cert-e2e.pem"

    /// The URL the signed requests name; the test client sends it to this server.
    static let chainURL = "https://s3.amazonaws.com/echo.api/\(chainFileName)"

    private let server: HTTPServer
    private let counts: Counts

    private final class Counts: Sendable {
        let chainServed = Atomic<Int>(0)
        let allRequests = Atomic<Int>(0)
    }

    init(pki: E2EPKI) throws {
        let counts = Counts()
        let chain = Array(pki.signingChainPEM.utf8)
        let handler = ClosureHTTPHandler { request in
            counts.allRequests.add(1, ordering: .sequentiallyConsistent)
            guard request.method == "GET", request.path == "/echo.api/\(Self.chainFileName)" else {
                return .text(404, "not found")
            }
            counts.chainServed.add(1, ordering: .sequentiallyConsistent)
            var headers = HTTPHeaders()
            headers.set("Content-Type", "application/x-pem-file")
            return HTTPResponse(status: 200, headers: headers, body: chain)
        }
        server = HTTPServer(
            configuration: HTTPServerConfiguration(
                host: "127.0.0.1",
                port: 0,
                tls: TLSIdentity(certificatePEM: pki.serverChainPEM, privateKeyPEM: pki.serverKeyPEM)
            ),
            handler: handler
        )
        self.counts = counts
        try server.start()
    }

    var port: Int { server.port ?? 0 }

    /// How often the chain itself was served (200 answers).
    var chainDownloads: Int { counts.chainServed.load(ordering: .sequentiallyConsistent) }

    /// Every request that reached this server, 404s included.
    var requestCount: Int { counts.allRequests.load(ordering: .sequentiallyConsistent) }

    func stop() async {
        await server.shutdown()
    }
}
