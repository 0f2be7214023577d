import Foundation
import SkillSupport

/// Where `verify-token` takes its keys from.
public enum VerifyTokenKeySource: Sendable {
    /// `--jwks-url`: fetched through the same cache the server uses.
    case url(URL)
    /// `--jwks-file`: a JWKS document on disk.
    case file(String)
}

/// The outcome of `skill-server verify-token`: one JSON object and an exit status.
///
/// The JSON is `{"claims":{…},"kid":"…","reason":null,"valid":true}` for a valid token and
/// `{"kid":"…"|null,"reason":"<code>","valid":false}` otherwise (keys sorted); `reason` is an
/// `AccessTokenError.Code` raw value. The exit status is 0 when valid and 1 when not.
public struct VerifyTokenReport: Sendable, Equatable {
    /// Whether the token verified.
    public var valid: Bool
    /// The `AccessTokenError.Code` raw value when not valid.
    public var reason: String?
    /// The header's `kid`, when the header could be read.
    public var kid: String?
    /// The claims of a valid token.
    public var claims: [String: JSONValue]?

    /// 0 for a valid token, 1 otherwise.
    public var exitCode: Int32 { valid ? 0 : 1 }

    /// The single-line JSON object to print.
    public var json: String {
        var object: [String: JSONValue] = [
            "valid": .bool(valid),
            "reason": reason.map(JSONValue.string) ?? .null,
            "kid": kid.map(JSONValue.string) ?? .null,
        ]
        if let claims { object["claims"] = .object(claims) }
        return JSONText.serialize(.object(object))
    }

    /// Verifies with a ready verifier (the one the server builds).
    public static func run(
        token: String,
        verifier: AccessTokenVerifier,
        requiredScopes: Set<String> = []
    ) async -> VerifyTokenReport {
        do {
            let verified = try await verifier.verify(token, requiredScopes: requiredScopes)
            return VerifyTokenReport(valid: true, reason: nil, kid: verified.keyID, claims: verified.claims)
        } catch {
            return VerifyTokenReport(valid: false, reason: error.code.rawValue, kid: error.kid, claims: nil)
        }
    }

    /// Builds the verifier from command-line values and verifies.
    ///
    /// - Parameters:
    ///   - token: the token text, exactly as the server would receive it.
    ///   - now: seconds since the epoch to verify at, instead of the system clock.
    ///   - leeway: seconds of clock skew, default 30.
    ///   - requiredScope: space-delimited scopes that must all be granted.
    public static func run(
        token: String,
        issuer: String,
        audience: String,
        keys: VerifyTokenKeySource,
        now: Double? = nil,
        leeway: Double? = nil,
        requiredScope: String? = nil,
        httpClient: any HTTPClient = URLSessionHTTPClient(),
        logger: Logger = .disabled
    ) async -> VerifyTokenReport {
        let clock: any WallClock = now.map { ManualWallClock(epochSeconds: $0) } ?? SystemWallClock()
        let source: any JWKSSource =
            switch keys {
            case .url(let url): URLJWKSSource(url: url, client: httpClient)
            case .file(let path): FileJWKSSource(path: path)
            }
        let cache = JWKSCache(source: source, clock: clock, logger: logger)
        let policy = AccessTokenPolicy(issuer: issuer, audience: audience, leeway: leeway ?? 30)
        let verifier = AccessTokenVerifier(policy: policy, keys: cache, clock: clock, logger: logger)
        let scopes = Set((requiredScope ?? "").split(separator: " ").map(String.init))
        return await run(token: token, verifier: verifier, requiredScopes: scopes)
    }
}
