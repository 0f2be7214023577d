import AccessToken
import Foundation

/// `skill-server verify-token`: checks one access token exactly as the server does.
struct VerifyTokenSubcommand: Command {
    static let name = "verify-token"
    static let summary = "Verify an access token as the server would and print the verdict as JSON."
    static let usage =
        "TOKEN|- --issuer URL --audience AUD (--jwks-url URL | --jwks-file FILE) "
        + "[--now EPOCH_SECONDS] [--leeway S] [--require-scope S]"
    static let options: [OptionSpec] = [
        .value("issuer", "URL", "the iss the token must carry, exactly"),
        .value("audience", "AUD", "a value the token's aud must contain"),
        .value("jwks-url", "URL", "fetch the issuer's keys from this URL"),
        .value("jwks-file", "FILE", "read the issuer's keys from this JWKS file"),
        .value("now", "EPOCH_SECONDS", "verify as of this time instead of the system clock"),
        .value("leeway", "S", "seconds of clock skew allowed (default 30)"),
        .value("require-scope", "S", "scopes that must be granted, space-separated"),
    ]

    static func run(_ arguments: ParsedArguments, environment: CommandEnvironment) async throws -> Int32 {
        let tokenArgument = try arguments.positionals(exactly: ["TOKEN (or - to read it from standard input)"])[0]
        var token = tokenArgument
        if tokenArgument == "-" {
            // One line from standard input, its line break dropped; the verifier's size cap
            // refuses anything long, so reading stops a little past it.
            let input = environment.standardInput().prefix(64 * 1024)
            token = String(decoding: input, as: UTF8.self)
            if token.hasSuffix("\n") { token.removeLast() }
            if token.hasSuffix("\r") { token.removeLast() }
        }

        let keys: VerifyTokenKeySource
        switch (try arguments.url("jwks-url"), arguments.string("jwks-file")) {
        case (let url?, nil): keys = .url(url)
        case (nil, let file?): keys = .file(file)
        default: throw UsageError("give exactly one of --jwks-url and --jwks-file")
        }
        var now: Double?
        if let text = arguments.string("now") {
            guard let seconds = Double(text), seconds.isFinite, seconds >= 0 else {
                throw UsageError("--now must be seconds since 1970-01-01T00:00:00Z")
            }
            now = seconds
        }

        let report = await VerifyTokenReport.run(
            token: token,
            issuer: try arguments.required("issuer"),
            audience: try arguments.required("audience"),
            keys: keys,
            now: now,
            leeway: try arguments.seconds("leeway", in: 0...3600),
            requiredScope: arguments.string("require-scope"),
            logger: environment.logger.named("verify-token")
        )
        environment.standardOutput(report.json + "\n")
        return report.exitCode
    }
}
