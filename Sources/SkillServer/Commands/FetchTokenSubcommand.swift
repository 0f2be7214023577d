import Foundation
import SkillSupport
import TokenExchange

/// `skill-server fetch-token`: gets a real access token with the client-credentials grant.
struct FetchTokenSubcommand: Command {
    static let name = "fetch-token"
    static let summary = "Get an access token from any OAuth provider with the client-credentials grant."
    static let usage =
        "--token-url URL --client-id ID --client-secret S --audience AUD [--scope S] [--basic-auth]"
    static let options: [OptionSpec] = [
        .value("token-url", "URL", "the provider's token endpoint"),
        .value("client-id", "ID", "the test client's id"),
        .value("client-secret", "S", "the test client's secret (- reads it from standard input)"),
        .value("audience", "AUD", "the API identifier the token is for (Auth0's audience parameter)"),
        .value("scope", "S", "space-separated scopes to ask for"),
        .flag("basic-auth", "send the client credentials with HTTP Basic instead of in the body"),
    ]

    static func run(_ arguments: ParsedArguments, environment: CommandEnvironment) async throws -> Int32 {
        _ = try arguments.positionals(exactly: [])
        var secret = try arguments.required("client-secret")
        if secret == "-" {
            secret = String(decoding: environment.standardInput(), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let fetcher = ClientCredentialsTokenFetcher(
            tokenURL: try arguments.requiredURL("token-url"),
            httpClient: URLSessionHTTPClient(),
            clientAuthentication: arguments.has("basic-auth") ? .basic : .requestBody,
            logger: environment.logger.named("fetch-token")
        )
        do {
            let token = try await fetcher.fetchToken(
                clientID: try arguments.required("client-id"),
                clientSecret: secret,
                audience: try arguments.required("audience"),
                scope: arguments.string("scope")
            )
            environment.standardOutput(token.accessToken + "\n")
            return 0
        } catch {
            environment.standardError("skill-server fetch-token: \(error)\n")
            return 1
        }
    }
}
