import Foundation
import SkillSupport

extension DevIssuerService {
    /// Section 4.4: a token for the client itself (`sub` is the client id), no refresh token.
    /// An `audience` parameter (as Auth0 takes it) must name the configured audience.
    func clientCredentials(_ form: FormBody, client: RegisteredClient) -> Result<[String: TokenField], TokenError> {
        if let audience = form["audience"], audience != configuration.audience {
            return .failure(TokenError(.invalidRequest, "the audience is not served by this issuer"))
        }
        guard let scopes = ScopeList.grant(requested: form["scope"], allowed: client.scopes) else {
            return .failure(TokenError(.invalidScope, "the scope asks for more than the client may have"))
        }
        return accessTokenFields(subject: client.id, client: client, scopes: scopes)
    }

    /// Section 4.1.3: redeems a code issued to this client for this redirect URI, checking the
    /// PKCE verifier (RFC 7636 section 4.6), and starts a refresh-token family.
    func authorizationCode(_ form: FormBody, client: RegisteredClient) -> Result<[String: TokenField], TokenError> {
        guard let code = form["code"] else { return .failure(TokenError(.invalidRequest, "code is missing")) }
        let now = configuration.clock.now()
        guard let pending = grants.redeemCode(code, now: now), pending.clientID == client.id else {
            return .failure(TokenError(.invalidGrant, "the code is unknown, used, expired or not this client's"))
        }

        let redirectURI = form["redirect_uri"]
        if pending.redirectURINamed || redirectURI != nil, redirectURI != pending.redirectURI {
            return .failure(TokenError(.invalidGrant, "redirect_uri differs from the authorization request"))
        }
        switch (pending.codeChallenge, form["code_verifier"]) {
        case (nil, nil):
            break
        case (let challenge?, let verifier?) where PKCE.verifies(verifier, challenge: challenge):
            break
        case (nil, _?):
            // A verifier for a code issued without a challenge could hide a downgrade (RFC 9700 section 2.1.1).
            return .failure(TokenError(.invalidGrant, "code_verifier for a code issued without code_challenge"))
        default:
            return .failure(TokenError(.invalidGrant, "code_verifier is missing or does not match"))
        }

        let family = RandomToken.make()
        return tokensWithRefresh(
            RefreshGrant(
                clientID: client.id,
                subject: pending.subject,
                scopes: pending.scopes,
                family: family,
                expiry: now.addingTimeInterval(configuration.refreshTokenLifetime)
            ),
            client: client,
            scopes: pending.scopes,
            now: now,
            isRefresh: false
        )
    }

    /// Section 6: rotates the refresh token; the scope may narrow for the new access token.
    func refresh(_ form: FormBody, client: RegisteredClient) -> Result<[String: TokenField], TokenError> {
        guard let token = form["refresh_token"] else {
            return .failure(TokenError(.invalidRequest, "refresh_token is missing"))
        }
        let now = configuration.clock.now()
        switch grants.redeemRefreshToken(token, clientID: client.id, requestedScope: form["scope"], now: now) {
        case .unknown:
            return .failure(TokenError(.invalidGrant, "the refresh token is unknown, expired or not this client's"))
        case .reused:
            logger.warning("dev_issuer.refresh_token.reused", ["oauth.client_id": client.id])
            return .failure(TokenError(.invalidGrant, "the refresh token was already used; the grant is revoked"))
        case .scopeTooWide:
            return .failure(TokenError(.invalidScope, "the scope asks for more than the original grant"))
        case .valid(var grant, let scopes):
            grant.expiry = now.addingTimeInterval(configuration.refreshTokenLifetime)
            return tokensWithRefresh(grant, client: client, scopes: scopes, now: now, isRefresh: true)
        }
    }

    /// An access token plus the next refresh token of `grant`'s family. Refresh answers leave
    /// out `expires_in` when `omitExpiresInOnRefresh` is set.
    private func tokensWithRefresh(
        _ grant: RefreshGrant,
        client: RegisteredClient,
        scopes: [String],
        now: Date,
        isRefresh: Bool
    ) -> Result<[String: TokenField], TokenError> {
        let access = accessTokenFields(subject: grant.subject, client: client, scopes: scopes)
        guard case .success(var fields) = access else { return access }
        fields["refresh_token"] = .text(grants.issueRefreshToken(for: grant, now: now))
        if isRefresh, configuration.omitExpiresInOnRefresh { fields["expires_in"] = nil }
        return .success(fields)
    }

    /// The access token (an RS256 JWT in the RFC 9068 profile) and its section 5.1 fields.
    private func accessTokenFields(
        subject: String,
        client: RegisteredClient,
        scopes: [String]
    )
        -> Result<[String: TokenField], TokenError>
    {
        let issued = configuration.clock.now().timeIntervalSince1970.rounded(.down)
        let lifetime = configuration.accessTokenLifetime.rounded(.down)
        var claims: [String: JSONValue] = [
            "iss": .string(issuer),
            "aud": .string(configuration.audience),
            "sub": .string(subject),
            "client_id": .string(client.id),
            "iat": .number(issued),
            "nbf": .number(issued),
            "exp": .number(issued + lifetime),
            "jti": .string(RandomToken.make()),
        ]
        if !scopes.isEmpty { claims["scope"] = .string(ScopeList.format(scopes)) }

        let token: String
        do {
            token = try minter.sign(claims: claims)
        } catch {
            logger.error("dev_issuer.token.signing_failed", ["crypto.error": error.code.rawValue])
            return .failure(TokenError(.serverError, "the token could not be signed"))
        }
        var fields: [String: TokenField] = [
            "access_token": .text(token),
            "token_type": .text("Bearer"),
            "expires_in": .integer(Int(lifetime)),
        ]
        if !scopes.isEmpty { fields["scope"] = .text(ScopeList.format(scopes)) }
        return .success(fields)
    }
}
