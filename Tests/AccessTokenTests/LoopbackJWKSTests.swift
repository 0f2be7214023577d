import AccessToken
import Foundation
import SkillSupport
import Testing

/// The cache over real HTTP: `URLSessionHTTPClient` against a loopback JWKS server that counts
/// requests and can rotate keys, fail and hang.
struct LoopbackJWKSTests {
    let keyA: TokenFactory
    let keyB: TokenFactory
    let clock = ManualWallClock(epochSeconds: TokenFactory.now)
    let server: LoopbackJWKSServer
    let verifier: AccessTokenVerifier

    init() throws {
        keyA = TokenFactory(key: try TestKeys.require(TestKeys.primary), kid: "A")
        keyB = TokenFactory(key: try TestKeys.require(TestKeys.secondary), kid: "B")
        server = try LoopbackJWKSServer(.status(500))
        var policy = JWKSCachePolicy()
        // Whole seconds: URLSession on Linux fails sub-second request timeouts at once.
        policy.fetchTimeout = 1
        let url = try #require(server.url)
        let source = URLJWKSSource(url: url, client: URLSessionHTTPClient(), timeout: 1)
        let cache = JWKSCache(source: source, policy: policy, clock: clock)
        verifier = AccessTokenVerifier(
            policy: AccessTokenPolicy(issuer: TokenFactory.issuer, audience: TokenFactory.audience),
            keys: cache,
            clock: clock
        )
        server.set(.serve(document: try document([keyA]), cacheControl: "max-age=300"))
    }

    func document(_ factories: [TokenFactory]) throws -> String {
        var entries: [JSONValue] = []
        for factory in factories {
            entries.append(try PublicJWK.jwk(for: try factory.publicKey, keyID: factory.kid))
        }
        return JSONText.serialize(.object(["keys": .array(entries)]))
    }

    func verify(_ factory: TokenFactory) async throws -> AccessTokenError.Code? {
        let now = clock.now().timeIntervalSince1970
        var claims = TokenFactory.standardClaims()
        claims["iat"] = .number(now)
        claims["nbf"] = .number(now)
        claims["exp"] = .number(now + 600)
        return await rejection(verifier, try factory.token(claims: claims))
    }

    func randomKidToken() -> String {
        let header = Base64URL.encode(Array(#"{"alg":"RS256","kid":"\#(UUID().uuidString)"}"#.utf8))
        let claims = Base64URL.encode(Array(JSONText.serialize(.object(TokenFactory.standardClaims())).utf8))
        return header + "." + claims + ".AQID"
    }

    /// The time limit makes a fetch that waits for the hanging server (no deadline) a failure.
    @Test(.timeLimit(.minutes(1)))
    func rotationRemovalRandomKidsStaleIfErrorAndHangOverRealHTTP() async throws {
        defer { server.stop() }

        // First use fetches once; a thousand random kids right after cause no further request.
        #expect(try await verify(keyA) == nil)
        #expect(server.requestCount == 1)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<1000 {
                let token = randomKidToken()
                group.addTask { _ = await rejection(verifier, token) }
            }
        }
        #expect(server.requestCount == 1)

        // Rotation: B appears and is accepted after one refresh (past the cooldown).
        server.set(.serve(document: try document([keyA, keyB]), cacheControl: "max-age=300"))
        clock.advance(by: 31)
        #expect(try await verify(keyB) == nil)
        #expect(server.requestCount == 2)

        // Removal: A disappears; it is refused once the 300 s max-age runs out.
        server.set(.serve(document: try document([keyB]), cacheControl: "max-age=300"))
        clock.advance(by: 200)
        #expect(try await verify(keyA) == nil)
        clock.advance(by: 101)
        #expect(try await verify(keyA) == .unknownKid)
        #expect(try await verify(keyB) == nil)
        #expect(server.requestCount == 3)

        // Failure: the endpoint errors; B keeps working from the stale copy.
        server.set(.status(503))
        clock.advance(by: 301)
        #expect(try await verify(keyB) == nil)
        #expect(server.requestCount == 4)

        // Hang: the fetch is cut off by the timeout and the stale copy answers.
        server.set(.hang)
        clock.advance(by: 31)
        #expect(try await verify(keyB) == nil)
        #expect(server.requestCount == 5)

        // Past the staleness limit, nothing is accepted.
        clock.advance(by: 24 * 3600)
        #expect(try await verify(keyB) == .jwksUnavailable)
    }
}
