import DevIssuer
import Foundation

/// `skill-server dev-issuer`: a local OAuth 2.0 issuer for development and tests.
struct DevIssuerSubcommand: Command {
    static let name = "dev-issuer"
    static let summary = "Run a local issuer: JWKS, discovery, /authorize and /oauth/token (for development)."
    static let usage = "--port P --key FILE [--audience AUD] [--clients FILE] [--omit-expires-in-on-refresh]"
    static let options: [OptionSpec] = [
        .value("port", "P", "port on 127.0.0.1; the issuer is http://127.0.0.1:P/ (0 picks a free port)"),
        .value("key", "FILE", "PEM signing key; an RSA-2048 key is created (mode 0600) when the file is missing"),
        .value("audience", "AUD", "aud of the tokens it issues (default what-should-i-wear)"),
        .value("clients", "FILE", "registered clients, JSON (default: alexa-skill / dev-secret)"),
        .value("token-lifetime", "SECONDS", "access-token lifetime (default 3600)"),
        .flag("omit-expires-in-on-refresh", "leave expires_in out of refresh answers, like some providers do"),
    ]

    static let defaultAudience = "what-should-i-wear"

    static func run(_ arguments: ParsedArguments, environment: CommandEnvironment) async throws -> Int32 {
        _ = try arguments.positionals(exactly: [])
        guard let port = try arguments.integer("port", in: 0...65535) else { throw UsageError("missing --port") }
        let keyFile = try arguments.required("key")
        let logger = environment.logger.named("dev-issuer")
        let lifetime = try arguments.seconds("token-lifetime", in: 1...31_536_000) ?? 3600

        do {
            let directory = URL(fileURLWithPath: keyFile).deletingLastPathComponent().path
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let key = try DevIssuerKey.loadOrCreate(path: keyFile)
            let clients = try arguments.string("clients").map { path throws(DevIssuerError) in
                try ClientsFile.load(path: path)
            }
            let configuration = DevIssuerConfiguration(
                audience: arguments.string("audience") ?? defaultAudience,
                signingKey: key,
                clients: clients ?? [.development],
                accessTokenLifetime: lifetime,
                omitExpiresInOnRefresh: arguments.has("omit-expires-in-on-refresh"),
                logger: logger
            )
            if configuration.omitExpiresInOnRefresh {
                logger.warning("dev_issuer.expires_in.omitted", ["grant": "refresh_token"])
            }
            let server = try DevIssuerServer.start(configuration: configuration, port: port)
            logger.info(
                "dev_issuer.started",
                ["http.port": "\(server.port)", "jwt.issuer": server.issuer, "jwt.kid": server.service.keyID]
            )
            await ShutdownSignal.wait()
            await server.shutdown()
            return 0
        } catch {
            environment.standardError("skill-server dev-issuer: \(error)\n")
            return 1
        }
    }
}
