import Foundation
import HTTPServer
import SkillSupport
import TokenExchange

/// A proxy wired to a fake upstream, a manual clock and an in-memory log.
struct ProxyHarness {
    static let upstreamURL = URL(string: "https://idp.example.com/oauth/token") ?? URL(filePath: "/unparsable")
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    let upstream: UpstreamFake
    let clock = ManualWallClock(now)
    let logs = InMemoryLogSink()
    let proxy: TokenExchangeProxy

    init(upstream: UpstreamFake, defaultExpiresIn: Int = 3600, maxBodyBytes: Int = 16 * 1024) throws {
        self.upstream = upstream
        let configuration = try TokenExchangeConfiguration(
            upstreamTokenURL: Self.upstreamURL,
            defaultExpiresIn: defaultExpiresIn,
            maxRequestBodyBytes: maxBodyBytes
        )
        let logger = Logger(label: "test", minimumLevel: .trace, sink: logs, clock: clock)
        proxy = TokenExchangeProxy(configuration: configuration, httpClient: upstream, clock: clock, logger: logger)
    }

    /// Sends a form body the way Alexa does.
    func post(
        _ body: String,
        contentType: String? = "application/x-www-form-urlencoded",
        authorization: String? = nil,
        method: String = "POST"
    ) async -> HTTPResponse {
        var headers = HTTPHeaders()
        if let contentType { headers.add("Content-Type", contentType) }
        if let authorization { headers.add("Authorization", authorization) }
        let request = HTTPRequest(method: method, path: "/oauth/token", headers: headers, body: Array(body.utf8))
        return await proxy.handle(request)
    }
}

extension HTTPResponse {
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The `error` member of a JSON body.
    var oauthError: String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return nil }
        return object["error"] as? String
    }

    var jsonObject: [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
    }
}

/// Test JWTs: the proxy reads `exp` without verifying, so the signature is filler.
enum TestJWT {
    static func make(claims: String) -> String {
        let header = Base64URL.encode(Array(#"{"alg":"RS256","typ":"JWT"}"#.utf8))
        return header + "." + Base64URL.encode(Array(claims.utf8)) + "." + Base64URL.encode([1, 2, 3])
    }
}

/// A Basic header built by hand, independently of the module: form-urlencode, join, base64.
func basicHeader(id: String, secret: String) -> String {
    var allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    allowed.insert(charactersIn: "-._~ ")
    let encode = { (text: String) in
        (text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "").replacingOccurrences(of: " ", with: "+")
    }
    return "Basic " + Data("\(encode(id)):\(encode(secret))".utf8).base64EncodedString()
}
