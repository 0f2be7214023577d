import Foundation
import HTTPServer

extension DevIssuerService {
    /// The token endpoint (RFC 6749 section 3.2): a form-urlencoded POST, a confidential client
    /// authenticated by HTTP Basic or by the body, then one of three grants.
    func token(_ request: HTTPRequest) -> HTTPResponse {
        guard Self.isFormContentType(request.headers["Content-Type"]) else {
            return failure(TokenError(.invalidRequest, "the body must be application/x-www-form-urlencoded"))
        }
        let form: FormBody
        switch FormBody.parse(request.body) {
        case .success(let parsed): form = parsed
        case .failure(.malformed): return failure(TokenError(.invalidRequest, "the body is not valid form data"))
        case .failure(.repeated(let name)):
            return failure(TokenError(.invalidRequest, "parameter \(name) is repeated"))
        }

        guard let grantType = form["grant_type"] else {
            return failure(TokenError(.invalidRequest, "grant_type is missing"))
        }
        let grant = TokenGrant(rawValue: grantType)
        guard let grant else {
            return failure(TokenError(.unsupportedGrantType, "grant_type is not supported"), grant: "other")
        }

        let client: RegisteredClient
        switch authenticate(request, form: form) {
        case .success(let found): client = found
        case .failure(let error): return failure(error, grant: grant.rawValue)
        }

        let outcome: Result<[String: TokenField], TokenError>
        switch grant {
        case .clientCredentials: outcome = clientCredentials(form, client: client)
        case .authorizationCode: outcome = authorizationCode(form, client: client)
        case .refreshToken: outcome = refresh(form, client: client)
        }
        switch outcome {
        case .success(let fields):
            logger.debug("dev_issuer.token.issued", ["oauth.grant": grant.rawValue, "oauth.client_id": client.id])
            return TokenField.response(200, fields)
        case .failure(let error):
            return failure(error, grant: grant.rawValue, clientID: client.id)
        }
    }

    /// The registered client whose credentials the request carries (RFC 6749 section 2.3.1).
    private func authenticate(_ request: HTTPRequest, form: FormBody) -> Result<RegisteredClient, TokenError> {
        let presented: PresentedCredentials
        switch PresentedCredentials.from(request, form: form) {
        case .failure(let error): return .failure(error)
        case .success(nil): return .failure(TokenError(.invalidClient, "client authentication is required"))
        case .success(let found?): presented = found
        }

        // The same answer for an unknown client and a wrong secret: nothing tells which ids exist.
        guard let client = clients.client(id: presented.clientID), let secret = presented.secret,
            ConstantTime.equal(secret, client.secret)
        else { return .failure(TokenError(.invalidClient, "client authentication failed")) }
        return .success(client)
    }

    /// An error answer: 401 for `invalid_client`, otherwise 400 (section 5.2).
    private func failure(
        _ error: TokenError,
        grant: String = "none",
        clientID: String? = nil
    ) -> HTTPResponse {
        var data = ["oauth.grant": grant, "oauth.error": error.code.rawValue]
        if let clientID { data["oauth.client_id"] = clientID }
        logger.debug("dev_issuer.token.rejected", data)

        let status = error.code == .invalidClient ? 401 : (error.code == .serverError ? 500 : 400)
        var response = TokenField.response(
            status,
            [
                "error": .text(error.code.rawValue), "error_description": .text(error.description),
            ]
        )
        if error.code == .invalidClient {
            // Section 5.2 and RFC 7235 section 3.1: a 401 carries a challenge for the scheme accepted.
            response.headers.set("WWW-Authenticate", "Basic realm=\"dev-issuer\"")
        }
        return response
    }

    /// `application/x-www-form-urlencoded` in any letter case, parameters such as `charset` allowed.
    static func isFormContentType(_ value: String?) -> Bool {
        guard let value, let mediaType = value.split(separator: ";", omittingEmptySubsequences: false).first else {
            return false
        }
        return mediaType.trimmingCharacters(in: .whitespaces).lowercased() == "application/x-www-form-urlencoded"
    }
}

/// The grants the token endpoint serves.
enum TokenGrant: String {
    case clientCredentials = "client_credentials"
    case authorizationCode = "authorization_code"
    case refreshToken = "refresh_token"
}
