import AlexaVerification

/// `skill-server verify-request`: the server's request checks, offline, on one saved request.
struct VerifyRequestSubcommand: Command {
    static let name = "verify-request"
    static let summary = "Check one request body and its signature headers exactly as the server would."
    static let usage =
        "--body FILE --cert-url URL (--signature-256 B64 | --signature B64 --allow-sha1) "
        + "[--chain-file PEM] [--ca-file PEM] [--now ISO8601] [--skill-id ID]..."
    static let options: [OptionSpec] = [
        .value("body", "FILE", "the raw request body, byte for byte as received"),
        .value("cert-url", "URL", "the SignatureCertChainUrl header value"),
        .value("signature-256", "B64", "the Signature-256 header value (RSA SHA-256)"),
        .value("signature", "B64", "the legacy Signature header value (RSA SHA-1); needs --allow-sha1"),
        .flag("allow-sha1", "accept the legacy SHA-1 Signature header (off by default)"),
        .value("chain-file", "PEM", "use this certificate chain instead of downloading --cert-url"),
        .value("ca-file", "PEM", "trust these roots instead of the system trust store"),
        .value("now", "ISO8601", "verify as of this time instead of the system clock"),
        .value("skill-id", "ID", "an accepted skill id; repeatable; none skips the skill-id check", repeatable: true),
    ]

    static func run(_ arguments: ParsedArguments, environment: CommandEnvironment) async throws -> Int32 {
        _ = try arguments.positionals(exactly: [])
        let options = VerifyRequestOptions(
            bodyFile: try arguments.required("body"),
            certURL: try arguments.required("cert-url"),
            signature256: arguments.string("signature-256"),
            signature: arguments.string("signature"),
            allowSHA1: arguments.has("allow-sha1"),
            chainFile: arguments.string("chain-file"),
            caFile: arguments.string("ca-file"),
            now: arguments.string("now"),
            skillIDs: arguments.strings("skill-id")
        )
        let outcome = await VerifyRequestCommand.run(options, logger: environment.logger.named("verify-request"))
        if !outcome.standardOutput.isEmpty {
            environment.standardOutput(outcome.standardOutput + "\n")
        }
        if !outcome.standardError.isEmpty {
            environment.standardError("skill-server verify-request: \(outcome.standardError)\n")
        }
        return outcome.exitStatus
    }
}
