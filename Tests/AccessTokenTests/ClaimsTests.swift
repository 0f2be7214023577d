import AccessToken
import Foundation
import SkillSupport
import Testing

struct ClaimsTests {
    let factory: TokenFactory
    let now = TokenFactory.now

    init() throws {
        factory = try TokenFactory.primary()
    }

    func code(
        _ change: (inout [String: JSONValue]) -> Void,
        policy: AccessTokenPolicy = AccessTokenPolicy(issuer: TokenFactory.issuer, audience: TokenFactory.audience),
        header: [String: JSONValue]? = nil
    ) async throws -> AccessTokenError.Code? {
        var claims = TokenFactory.standardClaims()
        change(&claims)
        return await rejection(try factory.verifier(policy: policy), try factory.token(claims: claims, header: header))
    }

    @Test func aValidTokenExposesKidSubjectScopesExpiryAndClaims() async throws {
        let verified = try await factory.verifier().verify(try factory.token())
        #expect(verified.keyID == "primary")
        #expect(verified.subject == "user-1")
        #expect(verified.scopes == ["read:weather"])
        #expect(verified.expiry == Date(timeIntervalSince1970: now + 3600))
        #expect(verified.claims["iss"] == .string(TokenFactory.issuer))
    }

    @Test func expIsRequiredNumericAndEnforcedWithLeeway() async throws {
        #expect(try await code { $0["exp"] = nil } == .missingClaim)
        #expect(try await code { $0["exp"] = "1767229200" } == .invalidClaim)
        #expect(try await code { $0["exp"] = .number(now - 31) } == .expired)
        #expect(try await code { $0["exp"] = .number(now - 29) } == nil)
        #expect(try await code { $0["exp"] = .number(now - 30) } == .expired)
        let strict = AccessTokenPolicy(issuer: TokenFactory.issuer, audience: TokenFactory.audience, leeway: 0)
        #expect(try await code({ $0["exp"] = .number(now) }, policy: strict) == .expired)
        #expect(try await code({ $0["exp"] = .number(now + 0.5) }, policy: strict) == nil)
    }

    @Test func nbfAndIatInTheFutureAreNotYetValid() async throws {
        #expect(try await code { $0["nbf"] = .number(now + 31) } == .notYetValid)
        #expect(try await code { $0["nbf"] = .number(now + 29) } == nil)
        #expect(try await code { $0["nbf"] = "soon" } == .invalidClaim)
        #expect(try await code { $0["iat"] = .number(now + 31) } == .notYetValid)
        #expect(try await code { $0["iat"] = .number(now + 29) } == nil)
        #expect(
            try await code {
                $0["iat"] = nil
                $0["nbf"] = nil
            } == nil
        )
    }

    @Test func maximumAgeRequiresAFreshIat() async throws {
        let policy = AccessTokenPolicy(issuer: TokenFactory.issuer, audience: TokenFactory.audience, maximumAge: 600)
        #expect(try await code({ $0["iat"] = .number(now - 600) }, policy: policy) == nil)
        #expect(try await code({ $0["iat"] = .number(now - 631) }, policy: policy) == .tokenTooOld)
        #expect(try await code({ $0["iat"] = nil }, policy: policy) == .missingClaim)
    }

    @Test func issuerIsAnExactMatchIncludingTheTrailingSlash() async throws {
        #expect(try await code { $0["iss"] = "https://issuer.example" } == .issuerMismatch)
        #expect(try await code { $0["iss"] = "https://ISSUER.example/" } == .issuerMismatch)
        #expect(try await code { $0["iss"] = "https://issuer.example//" } == .issuerMismatch)
        #expect(try await code { $0["iss"] = nil } == .missingClaim)
        #expect(try await code { $0["iss"] = 1 } == .invalidClaim)
    }

    @Test func audienceMayBeAStringOrAnArray() async throws {
        #expect(try await code { $0["aud"] = ["other", .string(TokenFactory.audience)] } == nil)
        #expect(try await code { $0["aud"] = ["other", "skill-audience-2"] } == .audienceMismatch)
        #expect(try await code { $0["aud"] = "skill-audienc" } == .audienceMismatch)
        #expect(try await code { $0["aud"] = [] } == .audienceMismatch)
        #expect(try await code { $0["aud"] = nil } == .missingClaim)
        #expect(try await code { $0["aud"] = 5 } == .invalidClaim)
        #expect(try await code { $0["aud"] = [.string(TokenFactory.audience), 5] } == .invalidClaim)
    }

    @Test func subjectMustBeAStringWhenPresent() async throws {
        #expect(try await code { $0["sub"] = 42 } == .invalidClaim)
        #expect(try await code { $0["sub"] = nil } == nil)
    }

    @Test(arguments: [
        ("at+jwt", true), ("AT+JWT", true), ("at+JWT", true), ("application/at+jwt", true),
        ("Application/AT+JWT", true), ("JWT", false), ("at+jwt ", false), ("application/jwt", false),
        ("", false),
    ])
    func requiredTypeIsAtJwtCaseInsensitively(type: String, accepted: Bool) async throws {
        let policy = AccessTokenPolicy(
            issuer: TokenFactory.issuer,
            audience: TokenFactory.audience,
            requireAccessTokenType: true
        )
        let header: [String: JSONValue] = ["alg": "RS256", "kid": "primary", "typ": .string(type)]
        #expect(try await code({ _ in }, policy: policy, header: header) == (accepted ? nil : .typeMismatch))
    }

    @Test func typeIsOnlyCheckedWhenRequired() async throws {
        let noType: [String: JSONValue] = ["alg": "RS256", "kid": "primary"]
        #expect(try await code({ _ in }, header: noType) == nil)
        let required = AccessTokenPolicy(
            issuer: TokenFactory.issuer,
            audience: TokenFactory.audience,
            requireAccessTokenType: true
        )
        #expect(try await code({ _ in }, policy: required, header: noType) == .typeMismatch)
    }

    @Test func rejectionsAreLoggedWithoutTheToken() async throws {
        let sink = InMemoryLogSink()
        let logger = Logger(label: "test", minimumLevel: .trace, sink: sink)
        let verifier = AccessTokenVerifier(
            policy: AccessTokenPolicy(issuer: TokenFactory.issuer, audience: "someone-else"),
            keys: try factory.keyProvider(),
            clock: ManualWallClock(epochSeconds: now),
            logger: logger
        )
        let token = try factory.token()
        #expect(await rejection(verifier, token) == .audienceMismatch)
        let record = try #require(sink.records.first { $0.event == "access_token.rejected" })
        #expect(record.metadata["jwt.reason"] == "audience_mismatch")
        #expect(record.metadata["jwt.kid"] == "primary")
        for part in token.split(separator: ".") {
            #expect(!sink.text.contains(part))
        }
    }

    @Test func errorsMapToTheSpokenRemedy() {
        #expect(AccessTokenError(.expired).remedy == .linkAccount)
        #expect(AccessTokenError(.insufficientScope).remedy == .missingPermission)
        #expect(AccessTokenError(.jwksUnavailable).remedy == .tryLater)
    }
}

struct ScopeTests {
    let factory: TokenFactory

    init() throws {
        factory = try TokenFactory.primary()
    }

    func scopes(_ change: (inout [String: JSONValue]) -> Void) async throws -> Set<String> {
        var claims = TokenFactory.standardClaims(scope: nil)
        change(&claims)
        return try await factory.verifier().verify(try factory.token(claims: claims)).scopes
    }

    @Test func scopesComeFromScopeScpAndPermissions() async throws {
        #expect(try await scopes { $0["scope"] = "  read:weather   profile " } == ["read:weather", "profile"])
        #expect(try await scopes { $0["scp"] = "a b" } == ["a", "b"])
        #expect(try await scopes { $0["scp"] = ["a", "b c"] } == ["a", "b c"])
        #expect(try await scopes { $0["permissions"] = ["read:weather"] } == ["read:weather"])
        #expect(
            try await scopes {
                $0["scope"] = "x"
                $0["scp"] = ["y"]
                $0["permissions"] = ["z"]
            } == ["x", "y", "z"]
        )
        #expect(try await scopes { _ in } == [])
    }

    @Test func wronglyTypedScopeClaimsAreInvalid() async throws {
        for change: (inout [String: JSONValue]) -> Void in [
            { $0["scope"] = ["read:weather"] }, { $0["scp"] = 1 }, { $0["permissions"] = "read:weather" },
            { $0["permissions"] = ["read:weather", 1] },
        ] {
            let error = await #expect(throws: AccessTokenError.self) { try await scopes(change) }
            #expect(error?.code == .invalidClaim)
        }
    }

    @Test(arguments: [
        ("read:weather", "read:weather", true),
        ("read:weather write:weather", "write:weather", true),
        ("read:weather", "read", false),
        ("read", "read:weather", false),
        ("read:weathers", "read:weather", false),
        ("xread:weather", "read:weather", false),
        ("read:weather", "READ:WEATHER", false),
        ("", "read:weather", false),
    ])
    func requiredScopesMatchWholeElementsOnly(granted: String, required: String, accepted: Bool) async throws {
        var claims = TokenFactory.standardClaims(scope: granted)
        if granted.isEmpty { claims["scope"] = nil }
        let code = await rejection(try factory.verifier(), try factory.token(claims: claims), scopes: [required])
        #expect(code == (accepted ? nil : .insufficientScope))
    }

    @Test func permissionsArrayElementsAreNotSplit() async throws {
        var claims = TokenFactory.standardClaims(scope: nil)
        claims["permissions"] = ["read:weather write:weather"]
        let code = await rejection(try factory.verifier(), try factory.token(claims: claims), scopes: ["read:weather"])
        #expect(code == .insufficientScope)
    }
}
