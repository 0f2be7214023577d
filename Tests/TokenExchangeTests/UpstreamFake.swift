import Foundation
import SkillSupport
import Synchronization

/// An upstream token endpoint: records every request and answers from a script.
final class UpstreamFake: HTTPClient {
    typealias Script = @Sendable (OutboundRequest) -> Result<OutboundResponse, HTTPClientError>

    private let recorded = Mutex<[OutboundRequest]>([])
    private let script: Script

    init(_ script: @escaping Script) {
        self.script = script
    }

    /// Always answers `status` with `body`.
    convenience init(
        status: Int = 200,
        body: String,
        headers: [String: String] = ["Content-Type": "application/json"]
    ) {
        self.init { _ in .success(OutboundResponse(status: status, headers: headers, body: Data(body.utf8))) }
    }

    /// Always fails with `error`.
    convenience init(failing error: HTTPClientError) {
        self.init { _ in .failure(error) }
    }

    var requests: [OutboundRequest] {
        recorded.withLock { $0 }
    }

    func send(_ request: OutboundRequest) async throws(HTTPClientError) -> OutboundResponse {
        recorded.withLock { $0.append(request) }
        return try script(request).get()
    }
}

extension OutboundRequest {
    /// The form body decoded into name/value pairs, in order.
    var formFields: [(name: String, value: String)] {
        let text = String(decoding: body ?? Data(), as: UTF8.self)
        return text.split(separator: "&").map { segment in
            let parts = segment.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (part: Substring) in
                part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "<undecodable>"
            }
            return (name: decode(parts[0]), value: parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    /// The value of one form parameter, decoded.
    func formValue(_ name: String) -> String? {
        formFields.first { $0.name == name }?.value
    }

    /// The client credentials in a Basic header, decoded independently of the module under test:
    /// base64, split at the first colon, then form-urldecoding of each half.
    var basicCredentials: (id: String, secret: String)? {
        guard let header = headers["Authorization"], header.hasPrefix("Basic "),
            let data = Data(base64Encoded: String(header.dropFirst(6))),
            let text = String(data: data, encoding: .utf8),
            let colon = text.firstIndex(of: ":")
        else {
            return nil
        }
        let decode = { (part: Substring) in
            part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "<undecodable>"
        }
        return (id: decode(text[..<colon]), secret: decode(text[text.index(after: colon)...]))
    }
}
