import AccessToken
import DevIssuer
import Foundation
import HTTPServer
import SkillCrypto
import SkillSupport
import Synchronization
import Testing

/// Shared pieces of the development-issuer tests: one generated key for the whole run (RSA
/// generation is slow), services on a manual clock, and request builders.
enum DevIssuerFixture {
    static let audience = "what-should-i-wear"
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let callback = "http://127.0.0.1/callback"
    private static let cachedKey = Mutex<RSAPrivateKey?>(nil)

    static func key() throws -> RSAPrivateKey {
        try cachedKey.withLock { cached in
            if let cached { return cached }
            let made = try RSAPrivateKey.generate(bits: 2048)
            cached = made
            return made
        }
    }

    /// A service on `clock` with the development client and any `extraClients`.
    static func service(
        clock: ManualWallClock = ManualWallClock(start),
        omitExpiresInOnRefresh: Bool = false,
        clients: [RegisteredClient] = [.development],
        logger: Logger = .disabled
    ) throws -> DevIssuerService {
        let configuration = DevIssuerConfiguration(
            issuer: "http://127.0.0.1:9411/",
            audience: audience,
            signingKey: try key(),
            clients: clients,
            omitExpiresInOnRefresh: omitExpiresInOnRefresh,
            clock: clock,
            logger: logger
        )
        return try DevIssuerService(configuration: configuration)
    }

    /// `application/x-www-form-urlencoded` text of `pairs`, every reserved byte escaped.
    static func form(_ pairs: [(String, String)]) -> String {
        pairs.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// `Basic base64(urlencode(id):urlencode(secret))` as RFC 6749 section 2.3.1 builds it.
    static func basic(_ id: String, _ secret: String) -> String {
        "Basic " + Data((encode(id) + ":" + encode(secret)).utf8).base64EncodedString()
    }

    /// A token request with `pairs` in the body and, when given, a raw `Authorization` value.
    static func tokenRequest(_ pairs: [(String, String)], authorization: String? = nil) -> HTTPRequest {
        var headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
        if let authorization { headers.add("Authorization", authorization) }
        return HTTPRequest(method: "POST", path: "/oauth/token", headers: headers, body: Array(form(pairs).utf8))
    }

    /// A token request authenticated as the development client with Basic.
    static func devClientRequest(_ pairs: [(String, String)]) -> HTTPRequest {
        tokenRequest(pairs, authorization: basic("alexa-skill", "dev-secret"))
    }

    /// `GET /authorize` with `items` as the query, in order.
    static func authorizeRequest(_ items: [(String, String)]) -> HTTPRequest {
        var query: [String: String] = [:]
        for (name, value) in items where query[name] == nil { query[name] = value }
        return HTTPRequest(
            method: "GET",
            path: "/authorize",
            query: query,
            queryItems: items.map { (name: $0.0, value: $0.1) }
        )
    }

    /// The usual code-flow authorization request of the development client.
    static func codeRequest(
        redirectURI: String = callback,
        scope: String? = "read:weather",
        extra: [(String, String)] = []
    ) -> HTTPRequest {
        var items = [
            ("response_type", "code"), ("client_id", "alexa-skill"), ("redirect_uri", redirectURI),
            ("state", "xyz 1/2"),
        ]
        if let scope { items.append(("scope", scope)) }
        return authorizeRequest(items + extra)
    }

    /// The query parameters of a 302's `Location`, read as form-urlencoded (RFC 6749 section
    /// 4.1.2 appends them in that format, so `+` is a space).
    static func redirectParameters(_ response: HTTPResponse) throws -> [String: String] {
        #expect(response.status == 302)
        let location = try #require(response.headers["Location"])
        let query = try #require(URLComponents(string: location)?.percentEncodedQuery)
        var result: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decoded = parts.map { $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            result[decoded[0]] = decoded.count > 1 ? decoded[1] : ""
        }
        return result
    }

    /// The JSON object of a response body.
    static func json(_ response: HTTPResponse) throws -> [String: JSONValue] {
        try StrictJSON.parseObject(response.body)
    }

    /// Runs the code flow to its token response.
    static func codeTokens(
        _ service: DevIssuerService,
        scope: String? = "read:weather"
    ) async throws
        -> [String: JSONValue]
    {
        let approval = await service.handle(codeRequest(scope: scope))
        let code = try #require(try redirectParameters(approval)["code"])
        let response = await service.handle(
            devClientRequest([
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", callback),
            ])
        )
        #expect(response.status == 200)
        return try json(response)
    }

    /// The claims of a compact JWS, read without verification (the tests verify separately).
    static func claims(_ token: String) throws -> [String: JSONValue] {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        #expect(parts.count == 3)
        let payload = try #require(Base64URL.decode(parts[1]))
        return try StrictJSON.parseObject(payload)
    }

    /// A verifier for tokens of `service`, with the key from its own key-set document.
    static func verifier(_ service: DevIssuerService, clock: any WallClock) async throws -> AccessTokenVerifier {
        let keySet = await service.handle(HTTPRequest(method: "GET", path: "/.well-known/jwks.json"))
        let keys = try JSONWebKeySet(parsing: keySet.body)
        return AccessTokenVerifier(
            policy: AccessTokenPolicy(issuer: service.issuer, audience: audience),
            keys: StaticKeyProvider(keySet: keys),
            clock: clock
        )
    }
}
