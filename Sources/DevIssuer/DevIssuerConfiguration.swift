import SkillCrypto
import SkillSupport

/// Everything the development issuer serves from.
public struct DevIssuerConfiguration: Sendable {
    /// The `iss` of every token and the base of the discovery URLs. It must name this server's
    /// root, since the endpoints are served at fixed paths. Nil: `http://127.0.0.1:<port>/` with
    /// the port the server listens on (see `localIssuer(port:)`).
    public var issuer: String?
    /// The `aud` of every access token; a client-credentials request may name it in `audience`.
    public var audience: String
    /// The RS256 signing key (see `DevIssuerKey.loadOrCreate(path:)`).
    public var signingKey: RSAPrivateKey
    /// The registered clients; by default `RegisteredClient.development` alone.
    public var clients: [RegisteredClient]
    /// Access-token lifetime in seconds.
    public var accessTokenLifetime: Double
    /// Refresh-token lifetime in seconds; each rotation starts a new one.
    public var refreshTokenLifetime: Double
    /// Authorization-code lifetime in seconds (RFC 6749 section 4.1.2 recommends at most 10 minutes).
    public var authorizationCodeLifetime: Double
    /// When true, refresh-grant responses leave out `expires_in`, as some identity providers did;
    /// for testing the token-exchange proxy that puts it back.
    public var omitExpiresInOnRefresh: Bool
    /// The `sub` of code-flow tokens when `/authorize` names none in `login_hint` or `sub`.
    public var defaultSubject: String
    public var clock: any WallClock
    /// Gets one debug line per authorization and token request; never codes, tokens or secrets.
    public var logger: Logger

    public init(
        issuer: String? = nil,
        audience: String,
        signingKey: RSAPrivateKey,
        clients: [RegisteredClient] = [.development],
        accessTokenLifetime: Double = 3600,
        refreshTokenLifetime: Double = 30 * 24 * 3600,
        authorizationCodeLifetime: Double = 60,
        omitExpiresInOnRefresh: Bool = false,
        defaultSubject: String = "dev-user",
        clock: any WallClock = SystemWallClock(),
        logger: Logger = .disabled
    ) {
        self.issuer = issuer
        self.audience = audience
        self.signingKey = signingKey
        self.clients = clients
        self.accessTokenLifetime = accessTokenLifetime
        self.refreshTokenLifetime = refreshTokenLifetime
        self.authorizationCodeLifetime = authorizationCodeLifetime
        self.omitExpiresInOnRefresh = omitExpiresInOnRefresh
        self.defaultSubject = defaultSubject
        self.clock = clock
        self.logger = logger
    }

    /// `http://127.0.0.1:<port>/`, the issuer of a local development issuer.
    public static func localIssuer(port: Int) -> String {
        "http://127.0.0.1:\(port)/"
    }
}
