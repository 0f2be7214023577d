import AccessToken
import Foundation
import SkillCrypto
import SkillSupport
import Testing

struct VerifyTokenReportTests {
    let factory: TokenFactory
    let jwksPath: String

    init() throws {
        let key = try TestKeys.require(TestKeys.primary)
        let minter = try AccessTokenMinter(privateKey: key)
        factory = TokenFactory(key: key, kid: minter.keyID)
        jwksPath =
            FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString).json").path
        let document = try PublicJWK.keySetDocument([try key.publicKey])
        try Data(document.utf8).write(to: URL(fileURLWithPath: jwksPath))
    }

    func report(_ token: String, scope: String? = nil, leeway: Double? = nil) async -> VerifyTokenReport {
        await VerifyTokenReport.run(
            token: token,
            issuer: TokenFactory.issuer,
            audience: TokenFactory.audience,
            keys: .file(jwksPath),
            now: TokenFactory.now,
            leeway: leeway,
            requiredScope: scope
        )
    }

    @Test func aValidTokenPrintsItsClaimsAndExitsZero() async throws {
        var claims = TokenFactory.standardClaims()
        claims["jti"] = "abc"
        let token = try factory.token(claims: claims)
        let result = await report(token, scope: "read:weather")
        #expect(result.exitCode == 0)
        // The server receives tokens exactly; so does the report (the command strips stdin's line break).
        #expect(await report(token + "\n", scope: "read:weather").reason == "malformed")
        let claimsJSON = JSONText.serialize(.object(claims))
        #expect(result.json == #"{"claims":\#(claimsJSON),"kid":"\#(factory.kid)","reason":null,"valid":true}"#)
        try? FileManager.default.removeItem(atPath: jwksPath)
    }

    @Test func anInvalidTokenPrintsTheReasonAndExitsOne() async throws {
        var claims = TokenFactory.standardClaims()
        claims["exp"] = .number(TokenFactory.now - 100)
        let expired = await report(try factory.token(claims: claims))
        #expect(expired.exitCode == 1)
        #expect(expired.json == #"{"kid":"\#(factory.kid)","reason":"expired","valid":false}"#)

        // The leeway moves the boundary.
        #expect(await report(try factory.token(claims: claims), leeway: 200).exitCode == 0)

        let scope = await report(try factory.token(), scope: "write:weather")
        #expect(scope.json == #"{"kid":"\#(factory.kid)","reason":"insufficient_scope","valid":false}"#)

        let garbage = await report("not a token")
        #expect(garbage.json == #"{"kid":null,"reason":"malformed","valid":false}"#)
        try? FileManager.default.removeItem(atPath: jwksPath)
    }

    @Test func aMissingKeyFileIsJwksUnavailable() async throws {
        let result = await VerifyTokenReport.run(
            token: try factory.token(),
            issuer: TokenFactory.issuer,
            audience: TokenFactory.audience,
            keys: .file(jwksPath + ".absent"),
            now: TokenFactory.now
        )
        #expect(result.reason == "jwks_unavailable")
        #expect(result.exitCode == 1)
        try? FileManager.default.removeItem(atPath: jwksPath)
    }
}

struct AccessTokenMinterTests {
    @Test func mintedTokensVerifyUnderTheThumbprintKid() async throws {
        let key = try TestKeys.require(TestKeys.secondary)
        let minter = try AccessTokenMinter(privateKey: key)
        #expect(minter.keyID == (try PublicJWK.thumbprint(of: try key.publicKey)))

        let now = Date(timeIntervalSince1970: TokenFactory.now)
        let token = try minter.mint(
            issuer: TokenFactory.issuer,
            audience: TokenFactory.audience,
            subject: "u",
            scopes: ["read:weather", "profile"],
            lifetime: 300,
            now: now
        )
        let keys = try JSONWebKeySet(parsing: Array(try PublicJWK.keySetDocument([try key.publicKey]).utf8))
        let verifier = AccessTokenVerifier(
            policy: AccessTokenPolicy(
                issuer: TokenFactory.issuer,
                audience: TokenFactory.audience,
                requireAccessTokenType: true
            ),
            keys: StaticKeyProvider(keySet: keys),
            clock: ManualWallClock(now)
        )
        let verified = try await verifier.verify(token, requiredScopes: ["read:weather"])
        #expect(verified.subject == "u")
        #expect(verified.scopes == ["read:weather", "profile"])
        #expect(verified.expiry == now.addingTimeInterval(300))
        #expect(verified.keyID == minter.keyID)

        let header = try CompactJWS(parsing: token).header
        #expect(header.algorithm == "RS256" && header.type == "at+jwt")
    }
}
