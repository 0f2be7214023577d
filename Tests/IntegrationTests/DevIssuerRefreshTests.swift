import AccessToken
import DevIssuer
import Foundation
import HTTPServer
import SkillCrypto
import SkillSupport
import Testing

@Suite("DevIssuer refresh-token rotation")
struct DevIssuerRefreshTests {
    private func refresh(_ service: DevIssuerService, _ token: String, scope: String? = nil) async -> HTTPResponse {
        var pairs = [("grant_type", "refresh_token"), ("refresh_token", token)]
        if let scope { pairs.append(("scope", scope)) }
        return await service.handle(DevIssuerFixture.devClientRequest(pairs))
    }

    @Test("each refresh returns a new refresh token and a valid access token; the old one is spent")
    func rotation() async throws {
        let clock = ManualWallClock(DevIssuerFixture.start)
        let service = try DevIssuerFixture.service(clock: clock)
        let verifier = try await DevIssuerFixture.verifier(service, clock: clock)
        var current = try #require(try await DevIssuerFixture.codeTokens(service)["refresh_token"]?.stringValue)
        var seen: Set<String> = [current]

        for _ in 0..<3 {
            clock.advance(by: 4000)
            let response = await refresh(service, current)
            #expect(response.status == 200)
            let fields = try DevIssuerFixture.json(response)
            #expect(fields["expires_in"] == 3600)
            #expect(fields["scope"] == "read:weather")
            let next = try #require(fields["refresh_token"]?.stringValue)
            #expect(seen.insert(next).inserted)
            let access = try #require(fields["access_token"]?.stringValue)
            let verified = try await verifier.verify(access, requiredScopes: ["read:weather"])
            #expect(verified.subject == "dev-user")
            current = next
        }
    }

    @Test("reusing a rotated refresh token is invalid_grant and revokes the newer token too")
    func reuseRevokesFamily() async throws {
        let sink = InMemoryLogSink()
        let logger = Logger(label: "test", minimumLevel: .trace, sink: sink)
        let service = try DevIssuerFixture.service(logger: logger)
        let first = try #require(try await DevIssuerFixture.codeTokens(service)["refresh_token"]?.stringValue)
        let rotated = try DevIssuerFixture.json(await refresh(service, first))
        let second = try #require(rotated["refresh_token"]?.stringValue)

        let reuse = await refresh(service, first)
        #expect(reuse.status == 400)
        #expect(try DevIssuerFixture.json(reuse)["error"] == "invalid_grant")
        let afterRevocation = await refresh(service, second)
        #expect(try DevIssuerFixture.json(afterRevocation)["error"] == "invalid_grant")
        #expect(sink.records.contains { $0.event == "dev_issuer.refresh_token.reused" })
        #expect(!sink.text.contains(first))
        #expect(!sink.text.contains(second))
    }

    @Test("omitExpiresInOnRefresh drops expires_in from refresh answers only", arguments: [false, true])
    func omitExpiresIn(omit: Bool) async throws {
        let service = try DevIssuerFixture.service(omitExpiresInOnRefresh: omit)
        let initial = try await DevIssuerFixture.codeTokens(service)
        #expect(initial["expires_in"] == 3600)
        let token = try #require(initial["refresh_token"]?.stringValue)

        let refreshed = try DevIssuerFixture.json(await refresh(service, token))
        #expect(refreshed["access_token"] != nil)
        #expect(refreshed["refresh_token"] != nil)
        #expect(refreshed["token_type"] == "Bearer")
        #expect((refreshed["expires_in"] == nil) == omit)

        let credentials = await service.handle(
            DevIssuerFixture.devClientRequest([("grant_type", "client_credentials")])
        )
        #expect(try DevIssuerFixture.json(credentials)["expires_in"] == 3600)
    }

    @Test("a refresh may narrow the scope but not widen it; a refused widening leaves the token usable")
    func scopeNarrowing() async throws {
        let service = try DevIssuerFixture.service()
        let token = try #require(
            try await DevIssuerFixture.codeTokens(service, scope: "read:weather profile")["refresh_token"]?.stringValue
        )

        let wider = await refresh(service, token, scope: "read:weather openid")
        #expect(wider.status == 400)
        #expect(try DevIssuerFixture.json(wider)["error"] == "invalid_scope")

        let narrowed = try DevIssuerFixture.json(await refresh(service, token, scope: "profile"))
        #expect(narrowed["scope"] == "profile")
        let access = try #require(narrowed["access_token"]?.stringValue)
        #expect(try DevIssuerFixture.claims(access)["scope"] == "profile")

        // The next refresh token still carries the original grant.
        let next = try #require(narrowed["refresh_token"]?.stringValue)
        let full = try DevIssuerFixture.json(await refresh(service, next))
        #expect(full["scope"] == "read:weather profile")
    }

    @Test("concurrent refreshes with one token: exactly one succeeds")
    func concurrentRefresh() async throws {
        let service = try DevIssuerFixture.service()
        let token = try #require(try await DevIssuerFixture.codeTokens(service)["refresh_token"]?.stringValue)
        let statuses = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { await refresh(service, token).status }
            }
            var collected: [Int] = []
            for await status in group { collected.append(status) }
            return collected
        }
        #expect(statuses.filter { $0 == 200 }.count == 1)
        #expect(statuses.filter { $0 == 400 }.count == 7)
    }

    @Test("an expired, unknown or other client's refresh token is invalid_grant")
    func invalidRefreshTokens() async throws {
        let clock = ManualWallClock(DevIssuerFixture.start)
        let other = RegisteredClient(id: "other", secret: "s", redirectURIs: [], scopes: ["read:weather"])
        let service = try DevIssuerFixture.service(clock: clock, clients: [.development, other])
        let token = try #require(try await DevIssuerFixture.codeTokens(service)["refresh_token"]?.stringValue)

        let stolen = await service.handle(
            DevIssuerFixture.tokenRequest(
                [("grant_type", "refresh_token"), ("refresh_token", token)],
                authorization: DevIssuerFixture.basic("other", "s")
            )
        )
        #expect(try DevIssuerFixture.json(stolen)["error"] == "invalid_grant")
        #expect(try DevIssuerFixture.json(await refresh(service, "made-up"))["error"] == "invalid_grant")

        clock.advance(by: 30 * 24 * 3600 + 1)
        #expect(try DevIssuerFixture.json(await refresh(service, token))["error"] == "invalid_grant")
    }
}
