import AccessToken
import Foundation
import SkillCrypto

/// `skill-server mint-token`: signs a test access token with a local key.
struct MintTokenSubcommand: Command {
    static let name = "mint-token"
    static let summary = "Print an RS256 access token signed with a local key (the dev issuer's key file)."
    static let usage = "--key FILE --issuer URL --audience AUD [--scope \"a b\"] [--sub S] [--ttl SECONDS]"
    static let options: [OptionSpec] = [
        .value("key", "FILE", "PEM private key; dev-issuer creates one"),
        .value("issuer", "URL", "the token's iss"),
        .value("audience", "AUD", "the token's aud"),
        .value("scope", "\"a b\"", "space-separated scopes to grant"),
        .value("sub", "S", "the token's subject (default dev-user)"),
        .value("ttl", "SECONDS", "lifetime; negative mints an already expired token (default 3600)"),
    ]

    static func run(_ arguments: ParsedArguments, environment: CommandEnvironment) async throws -> Int32 {
        _ = try arguments.positionals(exactly: [])
        let keyFile = try arguments.required("key")
        let issuer = try arguments.required("issuer")
        let audience = try arguments.required("audience")
        let lifetime = Double(try arguments.integer("ttl", in: -31_536_000...31_536_000) ?? 3600)
        let scopes = (arguments.string("scope") ?? "").split(whereSeparator: \.isWhitespace).map(String.init)

        guard let pem = try? String(contentsOfFile: keyFile, encoding: .utf8) else {
            environment.standardError("skill-server mint-token: cannot read --key \(keyFile) (dev-issuer creates it)\n")
            return 1
        }
        do {
            let key = try RSAPrivateKey(pem: pem)
            guard key.bits >= 2048 else {
                environment.standardError(
                    "skill-server mint-token: --key \(keyFile) has \(key.bits) bits; the server accepts 2048 or more\n"
                )
                return 1
            }
            let minter = try AccessTokenMinter(privateKey: key)
            let token = try minter.mint(
                issuer: issuer,
                audience: audience,
                subject: arguments.string("sub") ?? "dev-user",
                scopes: scopes,
                lifetime: lifetime,
                now: environment.clock.now()
            )
            environment.standardOutput(token + "\n")
            return 0
        } catch {
            environment.standardError(
                "skill-server mint-token: --key \(keyFile) is not a usable RSA key (\(error.code.rawValue))\n"
            )
            return 1
        }
    }
}
