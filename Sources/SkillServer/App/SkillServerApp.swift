import AccessToken
import AlexaSkill
import AlexaVerification
import Foundation
import HTTPServer
import SkillCrypto
import SkillSupport
import TokenExchange
import WhatShouldIWear

/// Builds the running server from a `ServeConfiguration`: the Alexa endpoint with request
/// verification, the access-token verifier and its JWKS cache, the skill, the token-exchange
/// proxy and the health check. Tests build it in-process with their own HTTP clients.
public struct SkillServerApp: Sendable {
    /// Outside connections, injectable for tests.
    public struct Dependencies: Sendable {
        /// Fetches the issuer's JWKS.
        public var jwksClient: any HTTPClient
        /// Fetches Alexa's signing certificate chains (redirects are not followed).
        public var certificateClient: any HTTPClient
        /// Talks to the weather services.
        public var weatherClient: any HTTPClient
        /// Talks to the identity provider's token endpoint.
        public var tokenUpstreamClient: any HTTPClient
        public var clock: any WallClock
        public var logger: Logger

        public init(
            jwksClient: any HTTPClient = URLSessionHTTPClient(),
            certificateClient: any HTTPClient = URLSessionHTTPClient(),
            weatherClient: any HTTPClient = URLSessionHTTPClient(),
            tokenUpstreamClient: any HTTPClient = URLSessionHTTPClient(),
            clock: any WallClock = SystemWallClock(),
            logger: Logger
        ) {
            self.jwksClient = jwksClient
            self.certificateClient = certificateClient
            self.weatherClient = weatherClient
            self.tokenUpstreamClient = tokenUpstreamClient
            self.clock = clock
            self.logger = logger
        }
    }

    public let configuration: ServeConfiguration
    let alexaEndpoint: AlexaEndpoint
    let handler: PathRouter

    /// Checks the configuration and assembles every component; throws a `SetupError` with a
    /// message fit for one line on the terminal when something cannot work.
    public init(configuration: ServeConfiguration, dependencies: Dependencies) throws(SetupError) {
        self.configuration = configuration
        let logger = dependencies.logger

        let keys = JWKSCache(
            source: URLJWKSSource(url: configuration.jwksURL, client: dependencies.jwksClient),
            clock: dependencies.clock,
            logger: logger.named("jwks")
        )
        let policy = AccessTokenPolicy(
            issuer: configuration.issuer,
            audience: configuration.audience,
            leeway: configuration.tokenLeeway,
            requireAccessTokenType: configuration.requireAccessTokenType,
            maximumAge: configuration.maximumTokenAge
        )
        let verifier = AccessTokenVerifier(
            policy: policy,
            keys: keys,
            clock: dependencies.clock,
            logger: logger.named("access-token")
        )
        let checker = JWTAccountLinkChecker(verifier: verifier)

        let skill = try Self.skill(configuration.skill, weatherClient: dependencies.weatherClient, logger: logger)
        let router = skill.router(tokenChecker: checker, logger: logger.named("skill"))
        // A misspelt intent in the scope map would leave the real intent without its check.
        let unknownIntents = Set(configuration.skill.scopeRequirements.keys).subtracting(router.handledIntents)
        guard unknownIntents.isEmpty else {
            throw SetupError(
                "--intent-scope names intents the skill does not handle: "
                    + unknownIntents.sorted().joined(separator: ", ") + " (it handles "
                    + router.handledIntents.sorted().joined(separator: ", ") + ")"
            )
        }

        alexaEndpoint = AlexaEndpoint(
            verification: try Self.verification(configuration, dependencies: dependencies),
            router: router,
            logger: logger.named("alexa")
        )

        var routes = [
            PathRouter.Route(method: "POST", path: "/alexa", handler: alexaEndpoint),
            PathRouter.Route(method: "GET", path: "/healthz", handler: HealthCheck()),
        ]
        if let exchange = configuration.tokenExchange {
            routes.append(try Self.tokenExchangeRoute(exchange, dependencies: dependencies))
        }
        handler = PathRouter(routes: routes)
    }

    /// The body limit of each path: Alexa's cap on `/alexa`, 16 KiB on the token endpoint.
    public var bodyLimit: BodyLimit {
        var paths = ["/alexa": configuration.alexaBodyLimit]
        if let exchange = configuration.tokenExchange {
            paths[exchange.path] = Self.tokenExchangeBodyLimit
        }
        return BodyLimit(defaultBytes: 16 * 1024, paths: paths)
    }

    /// The HTTP handler for every route, for in-process use.
    public var httpHandler: any HTTPHandler { handler }

    /// The shipped skill with its weather source, default city and scope requirements.
    static func skill(
        _ settings: SkillSettings,
        weatherClient: any HTTPClient,
        logger: Logger
    ) throws(SetupError) -> WhatShouldIWearSkill {
        let weather = try weatherProvider(settings.weather, client: weatherClient, logger: logger)
        // A conditions file may name its own default city; an explicit one wins.
        let fileDefault = (weather as? ConditionsFileWeatherProvider)?.defaultCity
        return WhatShouldIWearSkill(
            weather: weather,
            defaultCity: settings.defaultCity ?? fileDefault,
            scopeRequirements: settings.scopeRequirements
        )
    }

    private static func weatherProvider(
        _ source: SkillSettings.WeatherSource,
        client: any HTTPClient,
        logger: Logger
    ) throws(SetupError) -> any WeatherProvider {
        switch source {
        case .openMeteo(let forecast, let geocoding):
            return OpenMeteoWeatherProvider(
                client: client,
                forecastBaseURL: forecast,
                geocodingBaseURL: geocoding,
                logger: logger.named("weather")
            )
        case .conditionsFile(let path):
            do {
                return try ConditionsFileWeatherProvider(path: path)
            } catch {
                throw SetupError("--weather: \(error)")
            }
        }
    }

    private static func verification(
        _ configuration: ServeConfiguration,
        dependencies: Dependencies
    ) throws(SetupError) -> AlexaEndpoint.Verification {
        switch configuration.verification {
        case .skipped:
            dependencies.logger.warning(
                "alexa.verification.disabled",
                ["risk": "requests are not proven to come from Alexa"]
            )
            return .skipped(allowedSkillIDs: configuration.skillIDs)
        case .required(let settings):
            guard !configuration.skillIDs.isEmpty else {
                throw SetupError(
                    "request verification is on, so at least one --skill-id is required "
                        + "(or pass --skip-request-verification for local development)"
                )
            }
            let trustStore: TrustStore
            do {
                if let caFile = settings.caFile {
                    trustStore = try TrustStore.caFile(caFile)
                } else {
                    trustStore = try TrustStore.systemDefault()
                }
            } catch {
                throw SetupError("cannot load the trust store (\(error.code.rawValue)): \(error.detail)")
            }
            if settings.allowSHA1Signature {
                dependencies.logger.warning("alexa.verification.sha1_allowed", ["option": "--allow-sha1"])
            }
            let chains = CertificateChainCache(
                httpClient: dependencies.certificateClient,
                chainDirectory: settings.certificateChainDirectory,
                clock: dependencies.clock,
                logger: dependencies.logger.named("certificates")
            )
            let policy = RequestVerificationPolicy(
                allowedSkillIDs: configuration.skillIDs,
                allowSHA1Signature: settings.allowSHA1Signature,
                maxBodyBytes: configuration.alexaBodyLimit
            )
            let verifier = AlexaRequestVerifier(
                policy: policy,
                chainProvider: chains,
                trustStore: trustStore,
                clock: dependencies.clock,
                logger: dependencies.logger.named("verification")
            )
            return .verify(verifier)
        }
    }
}

/// A configuration that cannot work, explained in one line.
public struct SetupError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
