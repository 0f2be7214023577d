import AccessToken
import Foundation
import HTTPServer
import SkillSupport
import WhatShouldIWear

/// `skill-server serve`: the skill's HTTPS endpoint.
struct ServeSubcommand: Command {
    static let name = "serve"
    static let summary = "Serve the skill: POST /alexa, GET /healthz and, when configured, the token endpoint."
    static let usage = "--port P --issuer URL --audience AUD [options]"
    static let options: [OptionSpec] =
        [
            .value("port", "P", "port to listen on (default 8080; 0 picks a free one)"),
            .value("host", "ADDRESS", "address to bind (default 0.0.0.0)"),
            .value("issuer", "URL", "the access tokens' iss, compared exactly (trailing slash included)"),
            .value("audience", "AUD", "a value the access tokens' aud must contain"),
            .value("jwks-url", "URL", "the issuer's JWKS (default <issuer>.well-known/jwks.json)"),
            .value("token-leeway", "SECONDS", "clock skew allowed on exp, nbf and iat (default 30)"),
            .flag("require-at-jwt", "require typ at+jwt (RFC 9068 access tokens)"),
            .value("max-token-age", "SECONDS", "refuse tokens issued longer ago than this"),
            .value(
                "skill-id",
                "ID",
                "a skill id requests may address; repeatable; required with verification",
                repeatable: true
            ),
            .flag("skip-request-verification", "do NOT check Alexa's request signatures (local development only)"),
            .value("ca-file", "PEM", "trust these roots for Alexa's certificate chain instead of the system store"),
            .value("cert-chain-dir", "DIR", "look certificate chains up here by file name before downloading"),
            .flag("allow-sha1", "accept the legacy SHA-1 Signature header when Signature-256 is absent"),
            .value("max-body-bytes", "BYTES", "largest request body on /alexa (default 131072)"),
            .value("max-connections", "N", "connections held at once (default 4096)"),
            .value("token-upstream", "URL", "serve the account-linking token endpoint, forwarding to this URL"),
            .value("token-path", "PATH", "path of the token endpoint (default /oauth/token)"),
            .value("token-timeout", "SECONDS", "upstream timeout of the token endpoint (default 5)"),
            .value("default-expires-in", "SECONDS", "expires_in added when the provider omits it (default 3600)"),
            .value("tls-cert", "PEM", "serve HTTPS with this certificate chain"),
            .value("tls-key", "PEM", "the private key of --tls-cert"),
        ] + skillOptions

    /// The skill's own options, shared with `replay`.
    static let skillOptions: [OptionSpec] = [
        .value("weather", "open-meteo|FILE", "live Open-Meteo data (default) or a conditions file for offline runs"),
        .value("open-meteo-url", "URL", "forecast service base URL (default https://api.open-meteo.com)"),
        .value("geocoding-url", "URL", "geocoding service base URL (default https://geocoding-api.open-meteo.com)"),
        .value("default-city", "CITY", "city used when a request names none"),
        .value(
            "intent-scope",
            "INTENT=SCOPES",
            "scopes an intent needs, space-separated; repeatable; replaces defaults",
            repeatable: true
        ),
    ]

    static func run(_ arguments: ParsedArguments, environment: CommandEnvironment) async throws -> Int32 {
        let configuration = try configuration(from: arguments)
        let logger = environment.logger.named("serve")
        let app: SkillServerApp
        do {
            app = try SkillServerApp(configuration: configuration, dependencies: .init(logger: logger))
        } catch {
            environment.standardError("skill-server serve: \(error.message)\n")
            return 2
        }

        // Each connection holds a descriptor; keep room for outbound fetches and files.
        let descriptors = FileDescriptorLimit.raise(to: configuration.maximumConnections + 256)
        let connections = min(configuration.maximumConnections, max(descriptors - 256, 64))
        let server = HTTPServer(
            configuration: HTTPServerConfiguration(
                host: configuration.host,
                port: configuration.port,
                bodyLimit: app.bodyLimit,
                // TLS handshakes cost CPU: with HTTPS, one polling thread per core.
                threadCount: configuration.tlsCertificateFile == nil
                    ? 1 : min(max(ProcessInfo.processInfo.activeProcessorCount, 2), 8),
                connectionLimit: connections,
                tls: try tlsIdentity(configuration)
            ),
            handler: app.httpHandler,
            logger: logger.named("http")
        )
        do {
            try server.start()
        } catch {
            environment.standardError(
                "skill-server serve: cannot listen on \(configuration.host) port \(configuration.port): \(error)\n"
            )
            return 1
        }
        var started = startMetadata(configuration, port: server.port)
        started["http.max_connections"] = String(connections)
        logger.info("server.started", started)
        await ShutdownSignal.wait()
        logger.info("server.stopping", [:])
        await server.shutdown()
        logger.info("server.stopped", [:])
        return 0
    }

    static func configuration(from arguments: ParsedArguments) throws(UsageError) -> ServeConfiguration {
        _ = try arguments.positionals(exactly: [])
        let issuer = try arguments.required("issuer")
        guard let jwksURL = try arguments.url("jwks-url") ?? URLJWKSSource.defaultURL(forIssuer: issuer) else {
            throw UsageError("--issuer is not a URL a JWKS can be derived from; give --jwks-url")
        }
        var configuration = ServeConfiguration(
            issuer: issuer,
            audience: try arguments.required("audience"),
            jwksURL: jwksURL,
            skill: try skillSettings(arguments)
        )
        configuration.port = try arguments.integer("port", in: 0...65535) ?? configuration.port
        configuration.host = arguments.string("host") ?? configuration.host
        configuration.tokenLeeway = try arguments.seconds("token-leeway", in: 0...600) ?? configuration.tokenLeeway
        configuration.requireAccessTokenType = arguments.has("require-at-jwt")
        configuration.maximumTokenAge = try arguments.seconds("max-token-age", in: 1...31_536_000)
        let skillIDs = arguments.strings("skill-id")
        guard !skillIDs.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw UsageError("--skill-id must not be empty")
        }
        configuration.skillIDs = Set(skillIDs)
        configuration.alexaBodyLimit =
            try arguments.integer("max-body-bytes", in: 1024...(8 << 20)) ?? configuration.alexaBodyLimit
        configuration.maximumConnections =
            try arguments.integer("max-connections", in: 16...1_000_000) ?? configuration.maximumConnections

        let verificationOptions = ["ca-file", "cert-chain-dir", "allow-sha1"]
        if arguments.has("skip-request-verification") {
            if let conflicting = verificationOptions.first(where: { arguments.string($0) != nil || arguments.has($0) })
            {
                throw UsageError("--\(conflicting) has no effect with --skip-request-verification")
            }
            configuration.verification = .skipped
        } else {
            var isDirectory: ObjCBool = false
            if let directory = arguments.string("cert-chain-dir"),
                !FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) || !isDirectory.boolValue
            {
                throw UsageError("--cert-chain-dir \(directory) is not a directory")
            }
            configuration.verification = .required(
                RequestVerificationSettings(
                    caFile: arguments.string("ca-file"),
                    certificateChainDirectory: arguments.string("cert-chain-dir"),
                    allowSHA1Signature: arguments.has("allow-sha1")
                )
            )
        }

        if let upstream = try arguments.url("token-upstream") {
            var exchange = TokenExchangeSettings(upstream: upstream)
            if let path = arguments.string("token-path") {
                guard path.hasPrefix("/"), !["/alexa", "/healthz"].contains(path) else {
                    throw UsageError("--token-path must start with / and not be /alexa or /healthz")
                }
                exchange.path = path
            }
            // Below the server's 30 s handler timeout, so a slow provider still gets an OAuth answer.
            exchange.timeout = try arguments.seconds("token-timeout", in: 0.1...25) ?? exchange.timeout
            exchange.defaultExpiresIn =
                try arguments.integer("default-expires-in", in: 1...31_536_000) ?? exchange.defaultExpiresIn
            configuration.tokenExchange = exchange
        } else if let stray = ["token-path", "token-timeout", "default-expires-in"].first(where: {
            arguments.string($0) != nil
        }) {
            throw UsageError("--\(stray) needs --token-upstream")
        }

        switch (arguments.string("tls-cert"), arguments.string("tls-key")) {
        case (nil, nil): break
        case (let cert?, let key?):
            configuration.tlsCertificateFile = cert
            configuration.tlsPrivateKeyFile = key
        default: throw UsageError("--tls-cert and --tls-key go together")
        }
        return configuration
    }

    /// The skill's options, shared with `replay`.
    static func skillSettings(_ arguments: ParsedArguments) throws(UsageError) -> SkillSettings {
        SkillSettings(
            weather: try weatherSource(arguments),
            defaultCity: arguments.string("default-city"),
            scopeRequirements: try scopeRequirements(arguments)
        )
    }

    private static func weatherSource(_ arguments: ParsedArguments) throws(UsageError) -> SkillSettings.WeatherSource {
        let forecast = try arguments.url("open-meteo-url") ?? OpenMeteoWeatherProvider.defaultForecastBaseURL
        let geocoding = try arguments.url("geocoding-url") ?? OpenMeteoWeatherProvider.defaultGeocodingBaseURL
        switch arguments.string("weather") {
        case nil, "open-meteo":
            return .openMeteo(forecastBaseURL: forecast, geocodingBaseURL: geocoding)
        case let path?:
            if arguments.string("open-meteo-url") != nil || arguments.string("geocoding-url") != nil {
                throw UsageError("--open-meteo-url and --geocoding-url apply only to --weather open-meteo")
            }
            return .conditionsFile(path: path)
        }
    }

    /// `--intent-scope NAME=SCOPES` replaces the skill's defaults; `NAME=` requires nothing.
    private static func scopeRequirements(_ arguments: ParsedArguments) throws(UsageError) -> [String: Set<String>] {
        let given = arguments.strings("intent-scope")
        guard !given.isEmpty else { return WhatShouldIWearSkill.defaultScopeRequirements }
        var requirements: [String: Set<String>] = [:]
        for entry in given {
            guard let equals = entry.firstIndex(of: "="), equals != entry.startIndex else {
                throw UsageError("--intent-scope must look like IntentName=scope1 scope2")
            }
            let intent = String(entry[..<equals])
            let scopes = entry[entry.index(after: equals)...].split(whereSeparator: \.isWhitespace).map(String.init)
            requirements[intent, default: []].formUnion(scopes)
        }
        return requirements
    }

    private static func tlsIdentity(_ configuration: ServeConfiguration) throws(UsageError) -> TLSIdentity? {
        guard let certificateFile = configuration.tlsCertificateFile, let keyFile = configuration.tlsPrivateKeyFile
        else { return nil }
        guard let certificate = try? String(contentsOfFile: certificateFile, encoding: .utf8) else {
            throw UsageError("cannot read --tls-cert \(certificateFile)")
        }
        guard let key = try? String(contentsOfFile: keyFile, encoding: .utf8) else {
            throw UsageError("cannot read --tls-key \(keyFile)")
        }
        return TLSIdentity(certificatePEM: certificate, privateKeyPEM: key)
    }

    private static func startMetadata(_ configuration: ServeConfiguration, port: Int?) -> [String: String] {
        var metadata = [
            "http.port": port.map(String.init) ?? "?",
            "http.scheme": configuration.tlsCertificateFile == nil ? "http" : "https",
            "jwt.issuer": configuration.issuer,
            "jwt.audience": configuration.audience,
            "jwks.url": URLJWKSSource.location(of: configuration.jwksURL),
            "alexa.skill_ids": configuration.skillIDs.sorted().joined(separator: ","),
        ]
        switch configuration.verification {
        case .required: metadata["alexa.verification"] = "on"
        case .skipped: metadata["alexa.verification"] = "SKIPPED"
        }
        switch configuration.skill.weather {
        case .openMeteo(let forecast, _): metadata["weather.source"] = forecast.absoluteString
        case .conditionsFile(let path): metadata["weather.source"] = path
        }
        if let exchange = configuration.tokenExchange {
            metadata["oauth.token_path"] = exchange.path
        }
        metadata["alexa.intent_scopes"] = configuration.skill.scopeRequirements.keys.sorted()
            .map { intent in
                intent + "=" + (configuration.skill.scopeRequirements[intent] ?? []).sorted().joined(separator: " ")
            }
            .joined(separator: ";")
        return metadata
    }
}
