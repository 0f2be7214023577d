import AccessToken
import Foundation
import HTTPServer
import SkillCrypto
import SkillSupport

/// A local OAuth 2.0 authorization server for development and tests, answering like a real
/// one: key set, discovery document, an authorization endpoint that approves at once (there
/// is no login page), and a token endpoint with the client-credentials, authorization-code
/// and refresh-token grants. Access tokens are RS256 JWTs; all state lives in memory.
///
/// Paths: `GET /.well-known/jwks.json`, `GET /.well-known/openid-configuration`,
/// `GET /authorize`, `POST /oauth/token`.
public final class DevIssuerService: HTTPHandler {
    /// The configuration, with `issuer` resolved.
    public let configuration: DevIssuerConfiguration
    /// The `iss` of the tokens this service mints.
    public var issuer: String { metadata.issuer }
    /// The `kid` of the signing key, in the key set and in every token header (RFC 7638 thumbprint).
    public var keyID: String { minter.keyID }

    let metadata: IssuerMetadata
    let minter: AccessTokenMinter
    let clients: ClientRegistry
    let grants = GrantStore()
    let logger: Logger
    private let keySetBody: [UInt8]
    private let discoveryBody: [UInt8]

    /// A service for `configuration`. `port` resolves a nil `configuration.issuer` to
    /// `http://127.0.0.1:<port>/`; without either the configuration is refused.
    public init(configuration: DevIssuerConfiguration, port: Int? = nil) throws(DevIssuerError) {
        var configuration = configuration
        guard let issuer = configuration.issuer ?? port.map(DevIssuerConfiguration.localIssuer(port:)) else {
            throw DevIssuerError(.invalidConfiguration, "no issuer URL and no port to derive it from")
        }
        configuration.issuer = issuer
        for (name, value) in [
            ("access token lifetime", configuration.accessTokenLifetime),
            ("refresh token lifetime", configuration.refreshTokenLifetime),
            ("authorization code lifetime", configuration.authorizationCodeLifetime),
        ] where !(value.isFinite && value >= 1) {
            throw DevIssuerError(.invalidConfiguration, "the \(name) must be at least one second")
        }
        guard !configuration.audience.isEmpty else {
            throw DevIssuerError(.invalidConfiguration, "the audience is empty")
        }

        self.configuration = configuration
        metadata = IssuerMetadata(issuer: issuer)
        clients = try ClientRegistry(configuration.clients)
        logger = configuration.logger
        do {
            minter = try AccessTokenMinter(privateKey: configuration.signingKey)
            keySetBody = Array(try PublicJWK.keySetDocument([try configuration.signingKey.publicKey]).utf8)
        } catch {
            throw DevIssuerError(.invalidConfiguration, "the signing key cannot be published: \(error.code.rawValue)")
        }
        var scopes: [String] = []
        for client in configuration.clients {
            for scope in client.scopes where !scopes.contains(scope) { scopes.append(scope) }
        }
        discoveryBody = Array(metadata.discoveryDocument(scopes: scopes).utf8)
    }

    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        switch request.path {
        case IssuerMetadata.jwksPath:
            guard Self.isRead(request) else { return Self.methodNotAllowed("GET, HEAD") }
            return .json(200, keySetBody, headers: ["Cache-Control": "public, max-age=300"])
        case IssuerMetadata.discoveryPath:
            guard Self.isRead(request) else { return Self.methodNotAllowed("GET, HEAD") }
            return .json(200, discoveryBody, headers: ["Cache-Control": "public, max-age=300"])
        case IssuerMetadata.authorizationPath:
            // Not HEAD: a request for headers alone must not mint a code.
            guard request.method == "GET" else { return Self.methodNotAllowed("GET") }
            return authorize(request)
        case IssuerMetadata.tokenPath:
            guard request.method == "POST" else { return Self.methodNotAllowed("POST") }
            return token(request)
        default:
            return .jsonError(404, code: "not_found", message: "no such endpoint")
        }
    }

    private static func isRead(_ request: HTTPRequest) -> Bool {
        request.method == "GET" || request.method == "HEAD"
    }

    private static func methodNotAllowed(_ allowed: String) -> HTTPResponse {
        var response = HTTPResponse.jsonError(405, code: "method_not_allowed", message: "use \(allowed)")
        response.headers.set("Allow", allowed)
        return response
    }
}
