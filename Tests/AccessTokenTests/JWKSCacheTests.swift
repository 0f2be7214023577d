import AccessToken
import Foundation
import SkillCrypto
import SkillSupport
import Testing

/// Cache behaviour against a counting, rotating, failing and hanging JWKS endpoint double,
/// with time moved by a `ManualWallClock`.
struct JWKSCacheTests {
    let keyA: TokenFactory
    let keyB: TokenFactory
    let clock = ManualWallClock(epochSeconds: TokenFactory.now)
    let client: ScriptedJWKSClient
    let cache: JWKSCache
    let verifier: AccessTokenVerifier
    static let jwksURL = URL(string: "https://issuer.example/.well-known/jwks.json")

    init() throws {
        try self.init(cacheControl: nil)
    }

    init(cacheControl: String?) throws {
        keyA = TokenFactory(key: try TestKeys.require(TestKeys.primary), kid: "A")
        keyB = TokenFactory(key: try TestKeys.require(TestKeys.secondary), kid: "B")
        client = ScriptedJWKSClient(.serve(document: "", cacheControl: cacheControl))
        var policy = JWKSCachePolicy()
        policy.fetchTimeout = 1
        let url = try #require(Self.jwksURL)
        cache = JWKSCache(source: URLJWKSSource(url: url, client: client), policy: policy, clock: clock)
        verifier = AccessTokenVerifier(
            policy: AccessTokenPolicy(issuer: TokenFactory.issuer, audience: TokenFactory.audience),
            keys: cache,
            clock: clock
        )
        client.set(.serve(document: try document([keyA]), cacheControl: cacheControl))
    }

    func document(_ factories: [TokenFactory]) throws -> String {
        var entries: [JSONValue] = []
        for factory in factories {
            entries.append(try PublicJWK.jwk(for: try factory.publicKey, keyID: factory.kid))
        }
        return JSONText.serialize(.object(["keys": .array(entries)]))
    }

    /// A token whose header names `kid`; its signature is junk, which does not matter for a kid that is not found.
    func unsignedToken(kid: String) -> String {
        let header = Base64URL.encode(Array(#"{"alg":"RS256","kid":"\#(kid)"}"#.utf8))
        let claims = Base64URL.encode(Array(JSONText.serialize(.object(TokenFactory.standardClaims())).utf8))
        return header + "." + claims + ".AQID"
    }

    func verify(_ factory: TokenFactory) async throws -> AccessTokenError.Code? {
        await rejection(verifier, try factory.token(claims: claimsNow()))
    }

    /// Standard claims valid at the clock's current time.
    func claimsNow() -> [String: JSONValue] {
        let now = clock.now().timeIntervalSince1970
        var claims = TokenFactory.standardClaims()
        claims["iat"] = .number(now)
        claims["nbf"] = .number(now)
        claims["exp"] = .number(now + 600)
        return claims
    }

    @Test func aFreshSetServesFromMemory() async throws {
        #expect(try await verify(keyA) == nil)
        for _ in 0..<20 {
            #expect(try await verify(keyA) == nil)
        }
        #expect(client.requestCount == 1)
    }

    @Test func aThousandRandomKidsWithinASecondCauseAtMostOneFetch() async throws {
        #expect(try await verify(keyA) == nil)
        clock.advance(by: 31)  // past the cooldown, still within the TTL
        let before = client.requestCount

        let codes = await withTaskGroup(of: AccessTokenError.Code?.self) { group in
            for _ in 0..<1000 {
                let token = unsignedToken(kid: UUID().uuidString)
                group.addTask { await rejection(verifier, token) }
            }
            var codes: [AccessTokenError.Code?] = []
            for await code in group { codes.append(code) }
            return codes
        }
        #expect(codes.count == 1000)
        #expect(codes.allSatisfy { $0 == .unknownKid })
        #expect(client.requestCount - before <= 1)

        // The same one after another, a little later but still within the cooldown.
        clock.advance(by: 1)
        for _ in 0..<1000 {
            #expect(await rejection(verifier, unsignedToken(kid: UUID().uuidString)) == .unknownKid)
        }
        #expect(client.requestCount - before <= 1)

        // The known key keeps working throughout.
        #expect(try await verify(keyA) == nil)
    }

    @Test func concurrentMissesShareOneFetch() async throws {
        client.set(.slow(document: try document([keyA, keyB]), seconds: 0.1))
        let token = try keyB.token(claims: claimsNow())
        let codes = await withTaskGroup(of: AccessTokenError.Code?.self) { group in
            for _ in 0..<50 {
                group.addTask { await rejection(verifier, token) }
            }
            var codes: [AccessTokenError.Code?] = []
            for await code in group { codes.append(code) }
            return codes
        }
        #expect(codes.allSatisfy { $0 == nil })
        #expect(client.requestCount == 1)
    }

    @Test func anUnknownKidWithinTheCooldownIsRefusedAtOnceWithoutTraffic() async throws {
        #expect(try await verify(keyA) == nil)
        client.set(.serve(document: try document([keyA, keyB]), cacheControl: nil))

        clock.advance(by: 10)
        #expect(try await verify(keyB) == .unknownKid)
        #expect(client.requestCount == 1)

        // After the cooldown the same kid triggers one refresh and is accepted: rotation.
        clock.advance(by: 21)
        #expect(try await verify(keyB) == nil)
        #expect(client.requestCount == 2)
    }

    @Test func aRotatedKeyDuringAnIssuerOutageIsUnavailableNotUnknown() async throws {
        #expect(try await verify(keyA) == nil)
        client.set(.status(503))

        // The set with A is still fresh; the refresh that could bring B fails.
        clock.advance(by: 31)
        #expect(try await verify(keyB) == .jwksUnavailable)
        clock.advance(by: 5)
        #expect(try await verify(keyB) == .jwksUnavailable, "within the cooldown, without traffic")
        #expect(client.requestCount == 2)

        // B was not remembered as absent: once the issuer is back, it verifies.
        client.set(.serve(document: try document([keyA, keyB]), cacheControl: nil))
        clock.advance(by: 31)
        #expect(try await verify(keyB) == nil)
        #expect(client.requestCount == 3)
    }

    @Test func aKidProvenAbsentIsRememberedPastTheCooldown() async throws {
        #expect(try await verify(keyA) == nil)
        clock.advance(by: 31)
        #expect(await rejection(verifier, unsignedToken(kid: "ghost")) == .unknownKid)
        #expect(client.requestCount == 2)

        clock.advance(by: 60)
        #expect(await rejection(verifier, unsignedToken(kid: "ghost")) == .unknownKid)
        #expect(client.requestCount == 2)

        // Other kids after the cooldown still refresh, and the memory fades after 5 minutes.
        #expect(await rejection(verifier, unsignedToken(kid: "ghost-2")) == .unknownKid)
        #expect(client.requestCount == 3)
        clock.advance(by: 301)
        #expect(await rejection(verifier, unsignedToken(kid: "ghost")) == .unknownKid)
        #expect(client.requestCount == 4)
    }

    @Test func aRemovedKeyIsRefusedOnceTheCacheAgesOut() async throws {
        #expect(try await verify(keyA) == nil)
        client.set(.serve(document: try document([keyB]), cacheControl: nil))

        clock.advance(by: 599)
        #expect(try await verify(keyA) == nil)
        #expect(client.requestCount == 1)

        clock.advance(by: 2)
        #expect(try await verify(keyA) == .unknownKid)
        #expect(try await verify(keyB) == nil)
        #expect(client.requestCount == 2)
    }

    @Test(arguments: [
        ("max-age=120", 119.0, 121.0),
        ("public, max-age=5", 59.0, 61.0),  // clamped up to the 60 s floor
        ("max-age=999999", 3599.0, 3601.0),  // clamped down to the 1 h ceiling
        ("no-store", 59.0, 61.0),
    ])
    func cacheControlMaxAgeIsHonouredWithinBounds(header: String, stillFresh: Double, expired: Double) async throws {
        let test = try JWKSCacheTests(cacheControl: header)
        #expect(try await test.verify(test.keyA) == nil)
        test.clock.advance(by: stillFresh)
        #expect(try await test.verify(test.keyA) == nil)
        #expect(test.client.requestCount == 1)
        test.clock.advance(by: expired - stillFresh)
        #expect(try await test.verify(test.keyA) == nil)
        #expect(test.client.requestCount == 2)
    }

    @Test func aFailedRefreshServesStaleKeysUpToTheLimitThenRefuses() async throws {
        #expect(try await verify(keyA) == nil)
        client.set(.status(503))

        clock.advance(by: 601)
        #expect(try await verify(keyA) == nil)
        #expect(client.requestCount == 2)

        // Within the retry cooldown, no new request; the stale set answers at once.
        clock.advance(by: 5)
        #expect(try await verify(keyA) == nil)
        #expect(client.requestCount == 2)

        clock.set(Date(timeIntervalSince1970: TokenFactory.now + 24 * 3600 - 1))
        #expect(try await verify(keyA) == nil)
        clock.advance(by: 2)
        #expect(try await verify(keyA) == .jwksUnavailable)

        // Recovery: the next refresh after the cooldown succeeds.
        client.set(.serve(document: try document([keyA]), cacheControl: nil))
        clock.advance(by: 31)
        #expect(try await verify(keyA) == nil)
    }

    /// The double hangs for five minutes; the time limit fails the test if the fetch deadline is gone.
    @Test(.timeLimit(.minutes(1)))
    func aHangingEndpointIsCutOffByTheFetchTimeout() async throws {
        client.set(.hang)
        #expect(try await verify(keyA) == .jwksUnavailable)

        client.set(.serve(document: try document([keyA]), cacheControl: nil))
        clock.advance(by: 31)
        #expect(try await verify(keyA) == nil)

        client.set(.hang)
        clock.advance(by: 601)
        #expect(try await verify(keyA) == nil)  // stale, after the timeout
        #expect(client.requestCount == 3)
    }

    @Test func anUnreachableEndpointIsRetriedOnlyAfterTheCooldown() async throws {
        client.set(.unreachable)
        #expect(try await verify(keyA) == .jwksUnavailable)
        #expect(try await verify(keyA) == .jwksUnavailable)
        #expect(client.requestCount == 1)
        clock.advance(by: 31)
        #expect(try await verify(keyA) == .jwksUnavailable)
        #expect(client.requestCount == 2)
    }

    @Test func anUnusableDocumentCountsAsAFailedFetch() async throws {
        client.set(.serve(document: "{\"keys\":\"nope\"}", cacheControl: nil))
        #expect(try await verify(keyA) == .jwksUnavailable)
        client.set(.serve(document: "<html>", cacheControl: nil))
        clock.advance(by: 31)
        #expect(try await verify(keyA) == .jwksUnavailable)
        #expect(client.requestCount == 2)
    }

    @Test func refreshWarmsTheCache() async throws {
        try await cache.refresh()
        #expect(cache.cachedKeyIDs == ["A"])
        #expect(try await verify(keyA) == nil)
        #expect(client.requestCount == 1)
    }
}

struct CacheControlParsingTests {
    @Test func fileSourceRotatesWhenTheFileChanges() async throws {
        let keyA = TokenFactory(key: try TestKeys.require(TestKeys.primary), kid: "A")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("jwks-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let jwk = try PublicJWK.jwk(for: try keyA.publicKey, keyID: "A")
        try Data(JSONText.serialize(.object(["keys": [jwk]])).utf8).write(to: URL(fileURLWithPath: path))

        let source = FileJWKSSource(path: path)
        let set = try JSONWebKeySet(parsing: try await source.fetchJWKS().body)
        #expect(Set(set.keys.keys) == ["A"])

        let missing = FileJWKSSource(path: path + ".missing")
        let error = await #expect(throws: AccessTokenError.self) { try await missing.fetchJWKS() }
        #expect(error?.code == .jwksUnavailable)
    }

    @Test func sourceLocationsAreSafeToLogAndDefaultsFollowTheIssuer() throws {
        let url = try #require(URL(string: "https://user:pw@issuer.example:8443/keys?token=secret#x"))
        let location = URLJWKSSource(url: url, client: ScriptedJWKSClient(.status(500))).location
        #expect(location == "https://issuer.example:8443/keys")
        let withSlash = URLJWKSSource.defaultURL(forIssuer: "http://127.0.0.1:8080/")
        #expect(withSlash?.absoluteString == "http://127.0.0.1:8080/.well-known/jwks.json")
        let withoutSlash = URLJWKSSource.defaultURL(forIssuer: "https://issuer.example/tenant")
        #expect(withoutSlash?.absoluteString == "https://issuer.example/tenant/.well-known/jwks.json")
        #expect(URLJWKSSource.defaultURL(forIssuer: "not a url") == nil)
    }

    @Test func nonOKStatusIsAFailure() async throws {
        let client = ScriptedJWKSClient(.status(404))
        let url = try #require(URL(string: "https://issuer.example/jwks"))
        let error = await #expect(throws: AccessTokenError.self) {
            try await URLJWKSSource(url: url, client: client).fetchJWKS()
        }
        #expect(error?.code == .jwksUnavailable)
    }
}
