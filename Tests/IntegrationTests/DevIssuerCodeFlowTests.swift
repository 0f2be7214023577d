import AccessToken
import DevIssuer
import Foundation
import HTTPServer
import SkillCrypto
import SkillSupport
import Testing

@Suite("DevIssuer authorization-code flow")
struct DevIssuerCodeFlowTests {
    /// An RFC 7636 Appendix B pair: the verifier and its S256 challenge.
    static let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    static let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"

    @Test("without PKCE: code, then access and refresh tokens for the dev user")
    func withoutPKCE() async throws {
        let clock = ManualWallClock(DevIssuerFixture.start)
        let service = try DevIssuerFixture.service(clock: clock)
        let approval = await service.handle(DevIssuerFixture.codeRequest())
        let parameters = try DevIssuerFixture.redirectParameters(approval)
        #expect(parameters["state"] == "xyz 1/2")
        #expect(approval.headers["Location"]?.hasPrefix(DevIssuerFixture.callback + "?") == true)
        let code = try #require(parameters["code"])
        #expect(code.count >= 43)

        let response = await service.handle(
            DevIssuerFixture.devClientRequest([
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", DevIssuerFixture.callback),
            ])
        )
        #expect(response.status == 200)
        #expect(response.headers["Cache-Control"] == "no-store")
        let fields = try DevIssuerFixture.json(response)
        #expect(fields["token_type"] == "Bearer")
        #expect(fields["expires_in"] == 3600)
        #expect(fields["scope"] == "read:weather")
        #expect(fields["refresh_token"]?.stringValue?.isEmpty == false)

        let token = try #require(fields["access_token"]?.stringValue)
        let verified = try await DevIssuerFixture.verifier(service, clock: clock).verify(token)
        #expect(verified.subject == "dev-user")
        #expect(verified.scopes == ["read:weather"])
        #expect(verified.claims["client_id"] == "alexa-skill")
        #expect(verified.claims["aud"] == .string(DevIssuerFixture.audience))
        #expect(verified.expiry == DevIssuerFixture.start.addingTimeInterval(3600))
    }

    @Test(
        "with PKCE S256: the right verifier is accepted, a wrong or missing one is invalid_grant",
        arguments: [(verifier, 200), (String(repeating: "a", count: 43), 400), ("", 400)]
    )
    func withPKCE(verifier: String, status: Int) async throws {
        let service = try DevIssuerFixture.service()
        let approval = await service.handle(
            DevIssuerFixture.codeRequest(extra: [
                ("code_challenge", Self.challenge), ("code_challenge_method", "S256"),
            ])
        )
        let code = try #require(try DevIssuerFixture.redirectParameters(approval)["code"])

        var pairs = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", DevIssuerFixture.callback)]
        if !verifier.isEmpty { pairs.append(("code_verifier", verifier)) }
        let response = await service.handle(DevIssuerFixture.devClientRequest(pairs))
        #expect(response.status == status, "\(String(decoding: response.body, as: UTF8.self))")
        if status != 200 { #expect(try DevIssuerFixture.json(response)["error"] == "invalid_grant") }
    }

    @Test("a code_verifier for a code issued without a challenge is refused")
    func verifierWithoutChallenge() async throws {
        let service = try DevIssuerFixture.service()
        let code = try #require(
            try DevIssuerFixture.redirectParameters(
                await service.handle(DevIssuerFixture.codeRequest())
            )["code"]
        )
        let response = await service.handle(
            DevIssuerFixture.devClientRequest([
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", DevIssuerFixture.callback),
                ("code_verifier", Self.verifier),
            ])
        )
        #expect(try DevIssuerFixture.json(response)["error"] == "invalid_grant")
    }

    @Test("plain PKCE and a missing method are reported to the redirect URI as invalid_request")
    func plainRefused() async throws {
        let service = try DevIssuerFixture.service()
        for extra in [
            [("code_challenge", Self.challenge), ("code_challenge_method", "plain")],
            [("code_challenge", Self.challenge)],
        ] {
            let parameters = try DevIssuerFixture.redirectParameters(
                await service.handle(DevIssuerFixture.codeRequest(extra: extra))
            )
            #expect(parameters["error"] == "invalid_request")
            #expect(parameters["code"] == nil)
            #expect(parameters["state"] == "xyz 1/2")
        }
    }

    @Test("an unregistered redirect_uri or client gets a 400 page, never a redirect")
    func unregisteredRedirect() async throws {
        let service = try DevIssuerFixture.service()
        for request in [
            DevIssuerFixture.codeRequest(redirectURI: "https://attacker.example/callback"),
            DevIssuerFixture.codeRequest(redirectURI: DevIssuerFixture.callback + "/more"),
            DevIssuerFixture.authorizeRequest([
                ("response_type", "code"), ("client_id", "nobody"), ("redirect_uri", DevIssuerFixture.callback),
            ]),
            DevIssuerFixture.authorizeRequest([("response_type", "code"), ("redirect_uri", DevIssuerFixture.callback)]),
        ] {
            let response = await service.handle(request)
            #expect(response.status == 400)
            #expect(response.headers["Location"] == nil)
        }
    }

    @Test("a redirect_uri at the token endpoint that differs from the authorization request is invalid_grant")
    func wrongRedirectAtTokenEndpoint() async throws {
        let other = "http://127.0.0.1/other"
        var client = RegisteredClient.development
        client.redirectURIs.append(other)
        let service = try DevIssuerFixture.service(clients: [client])
        for redirect in [other, nil] {
            let code = try #require(
                try DevIssuerFixture.redirectParameters(
                    await service.handle(DevIssuerFixture.codeRequest())
                )["code"]
            )
            var pairs = [("grant_type", "authorization_code"), ("code", code)]
            if let redirect { pairs.append(("redirect_uri", redirect)) }
            let response = await service.handle(DevIssuerFixture.devClientRequest(pairs))
            #expect(response.status == 400)
            #expect(try DevIssuerFixture.json(response)["error"] == "invalid_grant")
        }
    }

    @Test("with one registered redirect URI, redirect_uri may be left out of both requests")
    func omittedRedirect() async throws {
        let service = try DevIssuerFixture.service()
        let approval = await service.handle(
            DevIssuerFixture.authorizeRequest([
                ("response_type", "code"), ("client_id", "alexa-skill"),
            ])
        )
        #expect(approval.headers["Location"]?.hasPrefix(DevIssuerFixture.callback + "?code=") == true)
        let code = try #require(try DevIssuerFixture.redirectParameters(approval)["code"])
        let response = await service.handle(
            DevIssuerFixture.devClientRequest([
                ("grant_type", "authorization_code"), ("code", code),
            ])
        )
        #expect(response.status == 200)
        #expect(try DevIssuerFixture.json(response)["scope"] == "read:weather openid profile")
    }

    @Test("a code is single use")
    func codeReuse() async throws {
        let service = try DevIssuerFixture.service()
        let code = try #require(
            try DevIssuerFixture.redirectParameters(
                await service.handle(DevIssuerFixture.codeRequest())
            )["code"]
        )
        let pairs = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", DevIssuerFixture.callback)]
        #expect(await service.handle(DevIssuerFixture.devClientRequest(pairs)).status == 200)
        let second = await service.handle(DevIssuerFixture.devClientRequest(pairs))
        #expect(second.status == 400)
        #expect(try DevIssuerFixture.json(second)["error"] == "invalid_grant")
    }

    @Test("a code expires after 60 seconds", arguments: [(59.0, 200), (61.0, 400)])
    func codeExpiry(after seconds: Double, status: Int) async throws {
        let clock = ManualWallClock(DevIssuerFixture.start)
        let service = try DevIssuerFixture.service(clock: clock)
        let code = try #require(
            try DevIssuerFixture.redirectParameters(
                await service.handle(DevIssuerFixture.codeRequest())
            )["code"]
        )
        clock.advance(by: seconds)
        let response = await service.handle(
            DevIssuerFixture.devClientRequest([
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", DevIssuerFixture.callback),
            ])
        )
        #expect(response.status == status)
    }

    @Test("a code issued to one client cannot be redeemed by another")
    func codeBoundToClient() async throws {
        let other = RegisteredClient(
            id: "other",
            secret: "other-secret",
            redirectURIs: [DevIssuerFixture.callback],
            scopes: ["read:weather"]
        )
        let service = try DevIssuerFixture.service(clients: [.development, other])
        let code = try #require(
            try DevIssuerFixture.redirectParameters(
                await service.handle(DevIssuerFixture.codeRequest())
            )["code"]
        )
        let response = await service.handle(
            DevIssuerFixture.tokenRequest([
                ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", DevIssuerFixture.callback),
                ("client_id", "other"), ("client_secret", "other-secret"),
            ])
        )
        #expect(try DevIssuerFixture.json(response)["error"] == "invalid_grant")
    }

    @Test("the redirect URI's own query is kept; login_hint names the subject; bad requests redirect with error")
    func redirectDetails() async throws {
        let withQuery = "http://127.0.0.1/callback?tenant=a%20b"
        var client = RegisteredClient.development
        client.redirectURIs = [withQuery]
        let service = try DevIssuerFixture.service(clients: [client])

        let approval = await service.handle(
            DevIssuerFixture.codeRequest(
                redirectURI: withQuery,
                extra: [("login_hint", "alice@example.com")]
            )
        )
        let location = try #require(approval.headers["Location"])
        #expect(location.hasPrefix(withQuery + "&code="))
        let parameters = try DevIssuerFixture.redirectParameters(approval)
        #expect(parameters["tenant"] == "a b")
        let code = try #require(parameters["code"])
        let tokens = try DevIssuerFixture.json(
            await service.handle(
                DevIssuerFixture.devClientRequest([
                    ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", withQuery),
                ])
            )
        )
        let token = try #require(tokens["access_token"]?.stringValue)
        #expect(try DevIssuerFixture.claims(token)["sub"] == "alice@example.com")

        let wrongType = try DevIssuerFixture.redirectParameters(
            await service.handle(
                DevIssuerFixture.authorizeRequest([
                    ("response_type", "token"), ("client_id", "alexa-skill"), ("state", "s"),
                ])
            )
        )
        #expect(wrongType["error"] == "unsupported_response_type")
        #expect(wrongType["state"] == "s")
        #expect(wrongType["tenant"] == "a b")

        let tooWide = try DevIssuerFixture.redirectParameters(
            await service.handle(DevIssuerFixture.codeRequest(redirectURI: withQuery, scope: "read:weather admin"))
        )
        #expect(tooWide["error"] == "invalid_scope")
        #expect(tooWide["code"] == nil)
    }
}
