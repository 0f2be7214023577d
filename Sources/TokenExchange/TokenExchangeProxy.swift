import Foundation
import HTTPServer
import SkillSupport

/// The skill's OAuth 2.0 token endpoint for Alexa account linking: it forwards token requests
/// to the identity provider and makes every successful answer carry `expires_in` and
/// `token_type`, which RFC 6749 section 5.1 lets providers omit but Alexa needs to refresh in
/// time.
///
/// - Requests: POST, `application/x-www-form-urlencoded` (UTF-8), grants `authorization_code`,
///   `refresh_token` and `client_credentials`. Every body parameter is forwarded unchanged,
///   extension parameters included. Client credentials go upstream in the scheme they came in:
///   Basic (decoded and re-encoded per RFC 6749 section 2.3.1, see `BasicClientAuthentication`
///   for how `+` is read) or body parameters.
/// - Refused locally (400 unless noted, nothing forwarded): other methods (405), bodies over the
///   limit (413), other media types, malformed or repeated parameters, a missing `grant_type` or
///   grant parameter, more than one `Authorization` header, non-Basic schemes, malformed Basic,
///   and Basic and body credentials that differ (`invalid_request`); unknown grants
///   (`unsupported_grant_type`).
/// - Upstream success: the body is sent on byte for byte, with `"expires_in":N` (remaining
///   lifetime from a JWT access token's `exp`, else the configured default) and
///   `"token_type":"Bearer"` inserted only when absent.
/// - Upstream errors: status and body pass through unchanged. A 2xx body with an `error`
///   member is an error and goes out unchanged with status 400. A 2xx body that is not a JSON
///   object is a 502 `server_error`; an unreachable upstream is a 502 and a timeout a 504, both
///   `temporarily_unavailable`.
/// - Every answer carries `Cache-Control: no-store` and `Pragma: no-cache` (section 5.1).
/// - One log line per request names the grant, the outcome and the upstream status; never
///   codes, tokens, secrets or header values.
public struct TokenExchangeProxy: HTTPHandler {
    private let configuration: TokenExchangeConfiguration
    private let httpClient: any HTTPClient
    private let clock: any WallClock
    private let logger: Logger

    /// - Parameters:
    ///   - httpClient: sends the upstream requests (`URLSessionHTTPClient` in production).
    ///   - clock: turns a JWT `exp` into a remaining lifetime.
    ///   - logger: receives one debug line per request (warnings for upstream failures).
    public init(
        configuration: TokenExchangeConfiguration,
        httpClient: any HTTPClient,
        clock: any WallClock = SystemWallClock(),
        logger: Logger = .disabled
    ) {
        self.configuration = configuration
        self.httpClient = httpClient
        self.clock = clock
        self.logger = logger.named("token-exchange")
    }

    /// Answers one token request; never throws, every failure is an OAuth-style response.
    public func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let forwarded: ForwardedTokenRequest
        do {
            forwarded = try ForwardedTokenRequest(request, maxBodyBytes: configuration.maxRequestBodyBytes)
        } catch {
            logger.debug(
                "token.request.rejected",
                [
                    "oauth.grant_type": error.grant?.rawValue ?? "unknown",
                    "token.outcome": error.code.rawValue,
                    "http.status": String(error.status),
                ]
            )
            var response = Self.generated(error.status, OAuthErrorBody.json(error.oauthError, error.description))
            if error.code == .methodNotAllowed { response.headers.set("Allow", "POST") }
            return response
        }

        let upstreamResponse: OutboundResponse
        do {
            upstreamResponse = try await httpClient.send(upstreamRequest(for: forwarded))
        } catch {
            return upstreamFailure(error, grant: forwarded.grant)
        }
        return relay(upstreamResponse, grant: forwarded.grant, authentication: forwarded.authentication)
    }

    private func upstreamRequest(for forwarded: ForwardedTokenRequest) -> OutboundRequest {
        var headers = [
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
        ]
        if let authorization = forwarded.authorization { headers["Authorization"] = authorization }
        return OutboundRequest(
            url: configuration.upstreamTokenURL,
            method: "POST",
            headers: headers,
            body: Data(forwarded.body),
            timeout: configuration.upstreamTimeout,
            maxResponseBytes: configuration.maxUpstreamResponseBytes
        )
    }

    private func relay(
        _ upstream: OutboundResponse,
        grant: GrantType,
        authentication: ForwardedTokenRequest.ClientAuthentication
    ) -> HTTPResponse {
        var data: [String: String] = [
            "oauth.grant_type": grant.rawValue,
            "oauth.client_auth": authentication.rawValue,
            "http.upstream_status": String(upstream.status),
        ]
        let body = Array(upstream.body)

        // RFC 6749 section 5.2: error answers go back exactly as the provider wrote them.
        guard (200..<300).contains(upstream.status) else {
            data["token.outcome"] = "upstream_error"
            guard !body.isEmpty else {
                // No body to pass on (a 401 challenge arrives without one, see URLSessionHTTPClient):
                // Alexa still gets the status, the challenge and the error code the status implies.
                data["oauth.error"] = "empty_body"
                logger.debug("token.exchange.completed", data)
                var response = Self.generated(upstream.status, Self.impliedErrorBody(upstream.status))
                if let challenge = upstream.header("WWW-Authenticate") {
                    response.headers.set("WWW-Authenticate", challenge)
                }
                return response
            }
            data["oauth.error"] = Self.loggableErrorCode(body)
            logger.debug("token.exchange.completed", data)
            return passedThrough(upstream.status, body, from: upstream)
        }

        guard let members = OAuthJSON.object(from: body) else {
            data["token.outcome"] = "upstream_malformed"
            logger.warning("token.exchange.completed", data)
            let body = OAuthErrorBody.json("server_error", "the token service sent an unreadable answer")
            return Self.generated(502, body)
        }

        // An `error` member (not JSON null) marks an error whatever the status said.
        if let error = members["error"], error != .null {
            data["token.outcome"] = "upstream_error_in_success"
            data["oauth.error"] = Self.loggableErrorCode(body)
            logger.debug("token.exchange.completed", data)
            return passedThrough(400, body, from: upstream)
        }

        let completion = TokenResponseCompletion(
            original: body,
            members: members,
            now: clock.now(),
            defaultExpiresIn: configuration.defaultExpiresIn
        )
        data["token.outcome"] = "issued"
        data["token.expires_in_source"] = completion.expiresInSource.rawValue
        data["token.token_type_added"] = String(completion.addedTokenType)
        logger.debug("token.exchange.completed", data)
        return passedThrough(upstream.status, completion.body, from: upstream)
    }

    private func upstreamFailure(_ error: HTTPClientError, grant: GrantType) -> HTTPResponse {
        let status: Int
        let body: [UInt8]
        switch error.code {
        case .timeout:
            status = 504
            body = OAuthErrorBody.json("temporarily_unavailable", "the token service did not answer in time")
        case .unreachable:
            status = 502
            body = OAuthErrorBody.json("temporarily_unavailable", "the token service cannot be reached")
        case .responseTooLarge, .redirectRefused, .invalidResponse:
            status = 502
            body = OAuthErrorBody.json("server_error", "the token service sent an unusable answer")
        }
        logger.warning(
            "token.exchange.failed",
            [
                "oauth.grant_type": grant.rawValue,
                "token.outcome": "upstream_" + error.code.rawValue,
                "http.status": String(status),
            ]
        )
        return Self.generated(status, body)
    }

    /// The upstream body with its own media type and, for 401, its `WWW-Authenticate`
    /// challenge (RFC 6749 section 5.2), plus the no-store headers.
    private func passedThrough(_ status: Int, _ body: [UInt8], from upstream: OutboundResponse) -> HTTPResponse {
        var headers = HTTPHeaders()
        headers.set("Content-Type", upstream.header("Content-Type") ?? Self.jsonMediaType)
        if let challenge = upstream.header("WWW-Authenticate") { headers.set("WWW-Authenticate", challenge) }
        return Self.noStore(HTTPResponse(status: status, headers: headers, body: body))
    }

    private static let jsonMediaType = "application/json;charset=UTF-8"

    /// The OAuth error an error status stands for when the provider's body is missing
    /// (RFC 6749 section 5.2: 401 answers a failed client authentication).
    private static func impliedErrorBody(_ status: Int) -> [UInt8] {
        switch status {
        case 401: OAuthErrorBody.json("invalid_client", "client authentication failed")
        case 500...: OAuthErrorBody.json("server_error", "the token service failed")
        default: OAuthErrorBody.json("invalid_request", "the token service refused the request")
        }
    }

    private static func generated(_ status: Int, _ body: [UInt8]) -> HTTPResponse {
        noStore(HTTPResponse(status: status, headers: ["Content-Type": jsonMediaType], body: body))
    }

    /// RFC 6749 section 5.1: token responses must not be cached.
    private static func noStore(_ response: HTTPResponse) -> HTTPResponse {
        var response = response
        response.headers.set("Cache-Control", "no-store")
        response.headers.set("Pragma", "no-cache")
        return response
    }

    /// The upstream `error` code when it is a registered one (RFC 6749 sections 4.1.2.1 and
    /// 5.2, RFC 6750 section 3.1), else `other`: a provider could echo request data there.
    private static func loggableErrorCode(_ body: [UInt8]) -> String {
        guard case .string(let code) = OAuthJSON.object(from: body)?["error"] else { return "unreadable" }
        return registeredErrorCodes.contains(code) ? code : "other"
    }

    private static let registeredErrorCodes: Set = [
        "invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type",
        "invalid_scope", "access_denied", "unsupported_response_type", "server_error", "temporarily_unavailable",
        "invalid_token", "insufficient_scope",
    ]
}
