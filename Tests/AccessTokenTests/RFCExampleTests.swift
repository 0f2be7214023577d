import AccessToken
import Foundation
import SkillCrypto
import SkillSupport
import Testing

/// RFC 7515 A.2 and RFC 7520 4.1 through the same verifier the server uses.
@Suite(.enabled(if: Vectors.available, Comment(rawValue: Vectors.skipMessage)))
struct RFCExampleTests {
    /// The A.2 key set with a `kid` added, so the JWKS path accepts it; the token has no `kid`
    /// and is matched because the set holds exactly one key.
    func rfc7515Verifier(now: Double, issuer: String = "joe") throws -> AccessTokenVerifier {
        let vector = try Vectors.object("jose/rfc7515/a2_rs256.json")
        var jwk = try vector.object("jwk_public")
        jwk["kid"] = "rfc7515-a2"
        let document = try JSONSerialization.data(withJSONObject: ["keys": [jwk]])
        let keys = try JSONWebKeySet(parsing: Array(document))
        // The A.2 claims carry no aud; the policy's audience is checked as absent below.
        return AccessTokenVerifier(
            policy: AccessTokenPolicy(issuer: issuer, audience: "unused", leeway: 0),
            keys: StaticKeyProvider(keySet: keys),
            clock: ManualWallClock(epochSeconds: now)
        )
    }

    @Test func rfc7515A2SignatureVerifiesAndClaimsAreCheckedAgainstTheClock() async throws {
        let vector = try Vectors.object("jose/rfc7515/a2_rs256.json")
        let token = try vector.string("compact")

        // The example has no aud, so with an audience configured the token is refused for that
        // reason alone: the signature, exp and iss checks before it have passed.
        let before = try rfc7515Verifier(now: 1_300_819_380 - 60)
        #expect(await rejection(before, token) == .missingClaim)
        let after = try rfc7515Verifier(now: 1_300_819_380 + 1)
        #expect(await rejection(after, token) == .expired)
        let otherIssuer = try rfc7515Verifier(now: 1_300_819_380 - 60, issuer: "joe/")
        #expect(await rejection(otherIssuer, token) == .issuerMismatch)
    }

    @Test func rfc7515A2ParsesToTheDocumentedClaims() throws {
        let vector = try Vectors.object("jose/rfc7515/a2_rs256.json")
        let jws = try CompactJWS(parsing: try vector.string("compact"))
        #expect(jws.header.algorithm == "RS256")
        let claims = try jws.claims()
        #expect(claims["iss"] == "joe")
        #expect(claims["exp"] == 1_300_819_380)
        #expect(claims["http://example.com/is_root"] == true)
        #expect(Base64URL.encode(jws.signature) == (try vector.string("signature_b64u")))
    }

    @Test func rfc7515A2SignatureVerifiesWithTheJWKKey() throws {
        let vector = try Vectors.object("jose/rfc7515/a2_rs256.json")
        var jwk = try vector.object("jwk_public")
        jwk["kid"] = "a2"
        let document = try JSONSerialization.data(withJSONObject: ["keys": [jwk]])
        let key = try #require(try JSONWebKeySet(parsing: Array(document)).keys["a2"])
        let jws = try CompactJWS(parsing: try vector.string("compact"))
        #expect(key.isValidSignature(jws.signature, for: jws.signingInput, digest: .sha256))

        // Any changed byte of the signing input or the signature breaks it.
        var input = jws.signingInput
        input[5] ^= 0x01
        #expect(!key.isValidSignature(jws.signature, for: input, digest: .sha256))
        var signature = jws.signature
        signature[signature.count - 1] ^= 0x01
        #expect(!key.isValidSignature(signature, for: jws.signingInput, digest: .sha256))
    }

    @Test func rfc7520Section41VerifiesButItsPayloadIsNotAClaimsSet() async throws {
        let vector = try Vectors.object("jose/rfc7520/4_1.rsa_v15_signature.json")
        let token = try vector.object("output").string("compact")
        let key = try vector.object("input").object("key")
        let publicMembers = key.filter { ["kty", "kid", "use", "n", "e"].contains($0.key) }
        let document = try JSONSerialization.data(withJSONObject: ["keys": [publicMembers]])
        let keys = try JSONWebKeySet(parsing: Array(document))
        let publicKey = try #require(keys.keys["bilbo.baggins@hobbiton.example"])

        // The signature over the exact signing input verifies with RS256 ...
        let segments = token.split(separator: ".")
        let signingInput = Array((segments[0] + "." + segments[1]).utf8)
        let signature = try #require(Base64URL.decode(segments[2]))
        #expect(publicKey.isValidSignature(signature, for: signingInput, digest: .sha256))

        // ... but the payload is a sentence, not a JSON object, so as a JWT it is malformed.
        let verifier = AccessTokenVerifier(
            policy: AccessTokenPolicy(issuer: "x", audience: "y"),
            keys: StaticKeyProvider(keySet: keys),
            clock: ManualWallClock(epochSeconds: 1_300_000_000)
        )
        #expect(await rejection(verifier, token) == .malformed)
        let jws = try CompactJWS(parsing: token)
        #expect(jws.payload == Array(try vector.object("input").string("payload").utf8))
        try await RS256SignatureVerifier(keys: StaticKeyProvider(keySet: keys)).verify(jws)
        let error = #expect(throws: AccessTokenError.self) { try jws.claims() }
        #expect(error?.code == .malformed)
    }

    @Test func rfc7520NonRS256ExamplesAreRefused() async throws {
        let verifier = AccessTokenVerifier(
            policy: AccessTokenPolicy(issuer: "x", audience: "y"),
            keys: StaticKeyProvider(keys: [:]),
            clock: ManualWallClock(epochSeconds: 1_300_000_000)
        )
        for file in ["4_2.rsa-pss_signature.json", "4_4.hmac-sha2_integrity_protection.json"] {
            let vector = try Vectors.object("jose/rfc7520/\(file)")
            let token = try vector.object("output").string("compact")
            // The payload is not a claims set either, so parsing already fails as malformed;
            // either way such a token never reaches a key.
            let code = await rejection(verifier, token)
            #expect(code == .malformed || code == .algNotAllowed, "\(file)")
        }
        for file in ["a1_hs256.json", "a3_es256.json"] {
            let vector = try Vectors.object("jose/rfc7515/\(file)")
            let token = try vector.string("compact")
            #expect(await rejection(verifier, token) == .algNotAllowed, "\(file)")
        }
    }
}
