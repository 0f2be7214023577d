import AccessToken
import AlexaSkill
import Foundation
import HTTPServer
import SkillSupport
import WhatShouldIWear

/// `skill-server replay`: runs a saved request envelope through the server's pipeline without HTTP.
///
/// Request-signature verification is skipped (saved samples carry no signature), and the skill-id
/// check with it; everything after it (token verification, scopes, dispatch, the skill) is the
/// server's own code, built from the same configuration type.
struct ReplaySubcommand: Command {
    static let name = "replay"
    static let summary = "Run a request envelope file through the skill as the server would and print the response."
    static let usage =
        "FILE [--token T] [--issuer URL --audience AUD [--jwks-url URL]] [--weather open-meteo|FILE] [--default-city C]"
    static let options: [OptionSpec] =
        [
            .value("token", "T", "put this access token into the envelope (context.System.user and session.user)"),
            .value("issuer", "URL", "the access tokens' iss; without it, present tokens count as not verifiable"),
            .value("audience", "AUD", "a value the access tokens' aud must contain"),
            .value("jwks-url", "URL", "the issuer's JWKS (default <issuer>.well-known/jwks.json)"),
        ] + ServeSubcommand.skillOptions

    static func run(_ arguments: ParsedArguments, environment: CommandEnvironment) async throws -> Int32 {
        let file = try arguments.positionals(exactly: ["FILE"])[0]
        guard let data = FileManager.default.contents(atPath: file) else {
            environment.standardError("skill-server replay: cannot read \(file)\n")
            return 1
        }
        var body = Array(data)
        if let token = arguments.string("token") {
            guard let replaced = EnvelopeToken.inserting(token, into: body) else {
                environment.standardError("skill-server replay: \(file) is not a JSON object\n")
                return 1
            }
            body = replaced
        }

        let endpoint = try endpoint(arguments, environment: environment)
        let response = await endpoint.dispatch(body)
        environment.standardOutput(String(decoding: response.body, as: UTF8.self) + "\n")
        return response.status == 200 ? 0 : 1
    }

    private static func endpoint(
        _ arguments: ParsedArguments,
        environment: CommandEnvironment
    ) throws -> AlexaEndpoint {
        let logger = environment.logger.named("replay")
        guard arguments.string("issuer") != nil || arguments.string("audience") != nil else {
            // No issuer: nothing to verify tokens against, so the router gets no checker and a
            // token present counts as invalid.
            if arguments.string("token") != nil {
                environment.standardError(
                    "skill-server replay: without --issuer and --audience the token cannot be verified "
                        + "and counts as invalid\n"
                )
            }
            let skill = try SkillServerApp.skill(
                try ServeSubcommand.skillSettings(arguments),
                weatherClient: URLSessionHTTPClient(),
                logger: logger
            )
            return AlexaEndpoint(
                verification: .skipped(allowedSkillIDs: []),
                router: skill.router(tokenChecker: nil, logger: logger),
                logger: logger
            )
        }

        let issuer = try arguments.required("issuer")
        guard let jwksURL = try arguments.url("jwks-url") ?? URLJWKSSource.defaultURL(forIssuer: issuer) else {
            throw UsageError("--issuer is not a URL a JWKS can be derived from; give --jwks-url")
        }
        var configuration = ServeConfiguration(
            issuer: issuer,
            audience: try arguments.required("audience"),
            jwksURL: jwksURL,
            skill: try ServeSubcommand.skillSettings(arguments)
        )
        // Saved envelopes carry no Alexa signature; everything after that check is the server's.
        configuration.verification = .skipped
        return try SkillServerApp(configuration: configuration, dependencies: .init(logger: logger)).alexaEndpoint
    }
}

/// Puts an access token where Alexa carries it, for replaying saved envelopes as a linked user.
enum EnvelopeToken {
    /// The envelope with `context.System.user.accessToken` (and `session.user.accessToken` when
    /// there is a session) set to `token`; nil when the body is not a JSON object.
    static func inserting(_ token: String, into body: [UInt8]) -> [UInt8]? {
        guard var envelope = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] else { return nil }
        var context = envelope["context"] as? [String: Any] ?? [:]
        var system = context["System"] as? [String: Any] ?? [:]
        var user = system["user"] as? [String: Any] ?? [:]
        user["accessToken"] = token
        system["user"] = user
        context["System"] = system
        envelope["context"] = context
        if var session = envelope["session"] as? [String: Any] {
            var sessionUser = session["user"] as? [String: Any] ?? [:]
            sessionUser["accessToken"] = token
            session["user"] = sessionUser
            envelope["session"] = session
        }
        return (try? JSONSerialization.data(withJSONObject: envelope)).map(Array.init)
    }
}
