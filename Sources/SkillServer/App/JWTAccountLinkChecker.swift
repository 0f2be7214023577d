import AccessToken
import AlexaSkill

/// Connects the skill router's account-linking check to the RS256 access-token verifier.
///
/// Rejections that are the token's fault become `invalid` (the user is asked to link again);
/// a JWKS that cannot be fetched becomes `unavailable` (our fault: no LinkAccount card).
/// Scopes are checked by the router against each intent's requirements.
struct JWTAccountLinkChecker: AccessTokenChecker {
    let verifier: AccessTokenVerifier

    func check(accessToken: String) async -> AccountLinkStatus {
        do {
            let token = try await verifier.verify(accessToken)
            return .linked(LinkedAccount(subject: token.subject, scopes: token.scopes))
        } catch {
            if error.code == .jwksUnavailable {
                return .unavailable(reason: error.code.rawValue)
            }
            return .invalid(reason: error.code.rawValue)
        }
    }
}
