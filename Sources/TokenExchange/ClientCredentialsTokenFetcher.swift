import Foundation
import SkillSupport

/// Gets an access token with the client-credentials grant (RFC 6749 section 4.4) from any
/// provider, Auth0 included (which names the API in an `audience` parameter).
public struct ClientCredentialsTokenFetcher: Sendable {
    /// How the client proves its identity (RFC 6749 section 2.3.1).
    public enum ClientAuthentication: String, Sendable {
        /// `client_id` and `client_secret` in the form body, as Auth0 documents it.
        case requestBody = "request_body"
        /// HTTP Basic with form-urlencoded credentials.
        case basic
    }

    private let tokenURL: URL
    private let httpClient: any HTTPClient
    private let timeout: TimeInterval
    private let clientAuthentication: ClientAuthentication
    private let logger: Logger

    /// - Parameters:
    ///   - tokenURL: the provider's token endpoint, for Auth0 `https://TENANT/oauth/token`.
    ///   - timeout: seconds for the whole exchange.
    public init(
        tokenURL: URL,
        httpClient: any HTTPClient,
        timeout: TimeInterval = 5,
        clientAuthentication: ClientAuthentication = .requestBody,
        logger: Logger = .disabled
    ) {
        self.tokenURL = tokenURL
        self.httpClient = httpClient
        self.timeout = timeout
        self.clientAuthentication = clientAuthentication
        self.logger = logger.named("token-fetch")
    }

    /// Requests a token; returns it only when it is a Bearer token.
    ///
    /// - Parameters:
    ///   - audience: the API the token is for (Auth0's `audience`); nil leaves it out.
    ///   - scope: space-separated scopes (section 3.3); nil leaves it out.
    /// - Throws: the provider's section 5.2 error mapped to its code, `unsupportedTokenType` for
    ///   a non-Bearer token, `malformedResponse`, `unexpectedStatus`, `timeout` or `unreachable`.
    public func fetchToken(
        clientID: String,
        clientSecret: String,
        audience: String?,
        scope: String? = nil
    ) async throws(TokenFetchError) -> TokenResponse {
        let response: OutboundResponse
        do {
            response = try await httpClient.send(
                request(
                    clientID: clientID,
                    clientSecret: clientSecret,
                    audience: audience,
                    scope: scope
                )
            )
        } catch {
            logger.debug("token.fetch.failed", ["token.outcome": "upstream_" + error.code.rawValue])
            throw Self.transportError(error)
        }

        do {
            let token = try Self.token(from: response)
            logger.debug(
                "token.fetch.completed",
                [
                    "token.outcome": "issued",
                    "http.upstream_status": String(response.status),
                ]
            )
            return token
        } catch {
            logger.debug(
                "token.fetch.failed",
                [
                    "token.outcome": error.code.rawValue,
                    "http.upstream_status": String(response.status),
                ]
            )
            throw error
        }
    }

    private func request(clientID: String, clientSecret: String, audience: String?, scope: String?) -> OutboundRequest {
        var parameters: [(name: String, value: String)] = [(name: "grant_type", value: "client_credentials")]
        var headers = ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"]
        switch clientAuthentication {
        case .requestBody:
            parameters.append((name: "client_id", value: clientID))
            parameters.append((name: "client_secret", value: clientSecret))
        case .basic:
            let credentials = ClientCredentials(id: clientID, secret: clientSecret)
            headers["Authorization"] = BasicClientAuthentication.headerValue(for: credentials)
        }
        if let audience { parameters.append((name: "audience", value: audience)) }
        if let scope { parameters.append((name: "scope", value: scope)) }

        return OutboundRequest(
            url: tokenURL,
            method: "POST",
            headers: headers,
            body: Data(FormURLEncoding.serialize(parameters).utf8),
            timeout: timeout
        )
    }

    private static func token(from response: OutboundResponse) throws(TokenFetchError) -> TokenResponse {
        guard (200..<300).contains(response.status) else {
            // Section 5.2: errors come as JSON with an `error` member, usually with status 400 or 401.
            if let members = OAuthJSON.object(from: response.body), let error = OAuthErrorResponse(members: members) {
                throw TokenFetchError(error, httpStatus: response.status)
            }
            throw TokenFetchError(
                .unexpectedStatus,
                "the token service answered status \(response.status)",
                httpStatus: response.status
            )
        }

        let token = try TokenResponse.parse(response.body, httpStatus: response.status)
        guard token.isBearer else {
            let detail = "the token type is \(token.tokenType), not Bearer"
            throw TokenFetchError(.unsupportedTokenType, detail, httpStatus: response.status)
        }
        return token
    }

    private static func transportError(_ error: HTTPClientError) -> TokenFetchError {
        switch error.code {
        case .timeout: TokenFetchError(.timeout, "the token service did not answer in time")
        case .unreachable: TokenFetchError(.unreachable, "the token service cannot be reached")
        case .responseTooLarge, .redirectRefused, .invalidResponse:
            TokenFetchError(.malformedResponse, "the token service sent an unusable answer (\(error.code.rawValue))")
        }
    }
}
