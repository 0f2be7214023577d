import Foundation
import HTTPServer
import TokenExchange

extension DevIssuerService {
    /// The authorization endpoint (RFC 6749 section 4.1.1), approving every valid request at once.
    ///
    /// A missing, unknown or repeated `client_id`, or a `redirect_uri` that is not registered for
    /// the client, gets a 400 page and is never redirected to (section 4.1.2.1: that would make
    /// this an open redirector). Every other problem is reported to the client's redirect URI
    /// with `error` and the `state`.
    func authorize(_ request: HTTPRequest) -> HTTPResponse {
        let repeated = Self.repeatedNames(request.queryItems)
        guard !repeated.contains("client_id"), let clientID = request.query["client_id"],
            let client = clients.client(id: clientID)
        else {
            return refuse("unknown_client", "The client_id is missing, repeated or not registered.")
        }
        guard !repeated.contains("redirect_uri") else {
            return refuse("invalid_redirect_uri", "The redirect_uri is repeated.")
        }
        let namedRedirect = request.query["redirect_uri"]
        let redirectURI: String
        if let namedRedirect {
            guard client.redirectURIs.contains(namedRedirect) else {
                return refuse("invalid_redirect_uri", "The redirect_uri is not registered for this client.")
            }
            redirectURI = namedRedirect
        } else {
            // Section 3.1.2.3: the parameter may be left out only when one URI is registered.
            guard client.redirectURIs.count == 1, let only = client.redirectURIs.first else {
                return refuse("invalid_redirect_uri", "A redirect_uri is required for this client.")
            }
            redirectURI = only
        }

        let state = repeated.contains("state") ? nil : request.query["state"]
        let outcome = approve(
            request,
            client: client,
            repeated: repeated,
            redirectURI: redirectURI,
            named: namedRedirect != nil
        )
        switch outcome {
        case .success(let code):
            logger.debug("dev_issuer.authorize.approved", ["oauth.client_id": client.id])
            return redirect(to: redirectURI, [("code", code)] + (state.map { [("state", $0)] } ?? []))
        case .failure(let error):
            let data = ["oauth.client_id": client.id, "oauth.error": error.code.rawValue]
            logger.debug("dev_issuer.authorize.rejected", data)
            var parameters = [("error", error.code.rawValue), ("error_description", error.description)]
            if let state { parameters.append(("state", state)) }
            return redirect(to: redirectURI, parameters)
        }
    }

    /// Checks the rest of the request for a known client and redirect URI and issues a code.
    private func approve(
        _ request: HTTPRequest,
        client: RegisteredClient,
        repeated: Set<String>,
        redirectURI: String,
        named: Bool
    ) -> Result<String, TokenError> {
        if let name = repeated.sorted().first {
            return .failure(TokenError(.invalidRequest, "parameter \(name) is repeated"))
        }
        guard let responseType = request.query["response_type"] else {
            return .failure(TokenError(.invalidRequest, "response_type is missing"))
        }
        guard responseType == "code" else {
            return .failure(TokenError(.unsupportedResponseType, "only response_type=code is supported"))
        }
        guard let scopes = ScopeList.grant(requested: request.query["scope"], allowed: client.scopes) else {
            return .failure(TokenError(.invalidScope, "the scope asks for more than the client may have"))
        }

        let challenge = request.query["code_challenge"]
        let method = request.query["code_challenge_method"]
        if let challenge {
            // RFC 7636 section 4.3: a missing method means `plain`, which is not offered.
            guard method == "S256" else {
                return .failure(TokenError(.invalidRequest, "code_challenge_method must be S256"))
            }
            guard PKCE.isValidChallenge(challenge) else {
                return .failure(TokenError(.invalidRequest, "code_challenge is not an S256 challenge"))
            }
        } else if method != nil {
            return .failure(TokenError(.invalidRequest, "code_challenge_method without code_challenge"))
        }

        let subject = request.query["login_hint"] ?? request.query["sub"] ?? configuration.defaultSubject
        guard !subject.isEmpty else { return .failure(TokenError(.invalidRequest, "the subject is empty")) }

        let now = configuration.clock.now()
        let pending = PendingAuthorization(
            clientID: client.id,
            redirectURI: redirectURI,
            redirectURINamed: named,
            subject: subject,
            scopes: scopes,
            codeChallenge: challenge,
            expiry: now.addingTimeInterval(configuration.authorizationCodeLifetime)
        )
        return .success(grants.issueCode(for: pending, now: now))
    }

    /// 302 to `uri` with `parameters` appended to its query (RFC 6749 section 3.1.2: the
    /// registered query is kept).
    private func redirect(to uri: String, _ parameters: [(String, String)]) -> HTTPResponse {
        let query = parameters.map { FormURLEncoding.encode($0.0) + "=" + FormURLEncoding.encode($0.1) }.joined(
            separator: "&"
        )
        let separator = uri.contains("?") ? (uri.hasSuffix("?") || uri.hasSuffix("&") ? "" : "&") : "?"
        return HTTPResponse(status: 302, headers: ["Location": uri + separator + query, "Cache-Control": "no-store"])
    }

    /// A 400 page for the resource owner, shown instead of redirecting.
    private func refuse(_ reason: String, _ message: String) -> HTTPResponse {
        logger.debug("dev_issuer.authorize.refused", ["oauth.error": reason])
        var response = HTTPResponse.text(400, "Authorization request refused: \(message)\n")
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    static func repeatedNames(_ items: [(name: String, value: String)]) -> Set<String> {
        var seen: Set<String> = []
        var repeated: Set<String> = []
        for item in items where !seen.insert(item.name).inserted {
            repeated.insert(item.name)
        }
        return repeated
    }
}
