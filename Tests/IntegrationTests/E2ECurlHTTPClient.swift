import Foundation
import SkillSupport

/// The server's certificate client in the end-to-end tests: fetches `https://s3.amazonaws.com/…`
/// from a loopback HTTPS server while trusting only the test root.
///
/// Test-only, and built on the `curl` command because FoundationNetworking's URLSession on
/// Linux offers no way to trust a private CA: its libcurl gets a compiled-in CA bundle, so
/// `SSL_CERT_FILE` and `CURL_CA_BUNDLE` (tried, set before the first session) are ignored, and
/// server-trust challenges never reach a delegate. `curl --connect-to` keeps the URL, the SNI
/// name and the certificate name check on `s3.amazonaws.com` while the TCP connection goes to
/// 127.0.0.1, so the TLS handshake is checked exactly as it would be against Amazon.
struct E2ECurlHTTPClient: HTTPClient {
    let curl: String
    let caFile: String
    let loopbackPort: Int

    /// The curl command, or nil when it is not installed (`scripts/setup` installs it).
    static let executable = E2EProcess.find("curl")

    func send(_ request: OutboundRequest) async throws(HTTPClientError) -> OutboundResponse {
        guard request.method == "GET", request.body == nil else {
            throw HTTPClientError(.invalidResponse, "this test client only fetches with GET")
        }
        let bodyFile = FileManager.default.temporaryDirectory.appendingPathComponent("e2e-curl-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: bodyFile) }
        let arguments = [
            "--cacert", caFile,
            "--connect-to", "s3.amazonaws.com:443:127.0.0.1:\(loopbackPort)",
            "--proto", "=https",
            "--max-time", String(max(1, Int(request.timeout.rounded(.up)))),
            "--max-filesize", String(request.maxResponseBytes),
            "-sS", "-o", bodyFile.path, "-w", "%{http_code}",
            request.url.absoluteString,
        ]

        let outcome: E2EProcess.Outcome
        switch await E2EProcess.runDetached(curl, arguments) {
        case .failure(let error): throw HTTPClientError(.unreachable, error.description)
        case .success(let finished): outcome = finished
        }
        // curl exit 28 is its own timeout, 63 the file-size cap; anything else non-zero is a
        // connection or TLS failure (60 when the certificate is not trusted).
        switch outcome.status {
        case 0: break
        case 28: throw HTTPClientError(.timeout, "curl timed out")
        case 63: throw HTTPClientError(.responseTooLarge, "curl --max-filesize")
        default: throw HTTPClientError(.unreachable, "curl exit \(outcome.status): \(outcome.standardError)")
        }
        let statusText = String(decoding: outcome.standardOutput, as: UTF8.self)
        guard let status = Int(statusText), status > 0 else {
            throw HTTPClientError(.invalidResponse, "curl reported status \(statusText)")
        }
        let body = FileManager.default.contents(atPath: bodyFile.path) ?? Data()
        return OutboundResponse(status: status, body: body)
    }
}
