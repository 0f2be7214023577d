import Foundation

/// Everything `skill-server serve` is told on its command line, checked, with defaults applied.
public struct ServeConfiguration: Sendable {
    public enum RequestVerification: Sendable, Equatable {
        /// The default: signature, certificate chain, timestamp and skill id are checked.
        case required(RequestVerificationSettings)
        /// `--skip-request-verification`: nothing is proven; logged at start and on every request.
        case skipped
    }

    public var host: String = "0.0.0.0"
    public var port: Int = 8080
    /// `iss` that access tokens must carry, exactly.
    public var issuer: String
    /// A value that `aud` must contain.
    public var audience: String
    /// Where the issuer publishes its keys; `<issuer>.well-known/jwks.json` unless set.
    public var jwksURL: URL
    public var tokenLeeway: Double = 30
    public var requireAccessTokenType = false
    public var maximumTokenAge: Double?
    /// The skill ids requests may be addressed to; required while verification is on.
    public var skillIDs: Set<String> = []
    public var verification: RequestVerification = .required(RequestVerificationSettings())
    public var skill: SkillSettings
    public var alexaBodyLimit: Int = 128 * 1024
    /// Connections held at once; also bounded by the process's open-file limit.
    public var maximumConnections: Int = 4096
    public var tokenExchange: TokenExchangeSettings?
    /// PEM certificate chain and private key, for serving HTTPS directly.
    public var tlsCertificateFile: String?
    public var tlsPrivateKeyFile: String?

    public init(
        issuer: String,
        audience: String,
        jwksURL: URL,
        skill: SkillSettings
    ) {
        self.issuer = issuer
        self.audience = audience
        self.jwksURL = jwksURL
        self.skill = skill
    }
}

/// How the shipped skill gets its weather and which scopes its intents need.
public struct SkillSettings: Sendable, Equatable {
    public enum WeatherSource: Sendable, Equatable {
        /// Live data from Open-Meteo's forecast and geocoding services.
        case openMeteo(forecastBaseURL: URL, geocodingBaseURL: URL)
        /// A JSON file of current conditions, for offline runs.
        case conditionsFile(path: String)
    }

    public var weather: WeatherSource
    /// The city used when a request names none (a conditions file may name its own default).
    public var defaultCity: String?
    /// OAuth scopes each intent needs; the skill's defaults unless replaced with `--intent-scope`.
    public var scopeRequirements: [String: Set<String>]

    public init(weather: WeatherSource, defaultCity: String? = nil, scopeRequirements: [String: Set<String>]) {
        self.weather = weather
        self.defaultCity = defaultCity
        self.scopeRequirements = scopeRequirements
    }
}

/// How requests are proven to come from Alexa.
public struct RequestVerificationSettings: Sendable, Equatable {
    /// A PEM file of trusted roots replacing the system trust store.
    public var caFile: String?
    /// A folder where chains are looked up by file name before being downloaded.
    public var certificateChainDirectory: String?
    /// Accept the legacy SHA-1 `Signature` header when `Signature-256` is absent.
    public var allowSHA1Signature = false

    public init(caFile: String? = nil, certificateChainDirectory: String? = nil, allowSHA1Signature: Bool = false) {
        self.caFile = caFile
        self.certificateChainDirectory = certificateChainDirectory
        self.allowSHA1Signature = allowSHA1Signature
    }
}

/// The account-linking token endpoint that forwards to the identity provider.
public struct TokenExchangeSettings: Sendable, Equatable {
    public var upstream: URL
    public var path: String = "/oauth/token"
    public var timeout: Double = 5
    /// `expires_in` added when the provider omits it and the access token carries no `exp`.
    public var defaultExpiresIn: Int = 3600

    public init(upstream: URL) {
        self.upstream = upstream
    }
}
