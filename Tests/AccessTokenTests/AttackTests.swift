import AccessToken
import Foundation
import SkillCrypto
import SkillSupport
import Testing

/// Each known JWT attack, built as a real token. Every test also shows that the same token
/// without the attack (or the check's subject) verifies, so it fails if the defence goes.
struct AttackTests {
    let factory: TokenFactory
    let claimsJSON: String

    init() throws {
        factory = try TokenFactory.primary()
        claimsJSON = JSONText.serialize(.object(TokenFactory.standardClaims()))
    }

    func unsigned(_ headerJSON: String, signature: String = "") -> String {
        Base64URL.encode(Array(headerJSON.utf8)) + "." + Base64URL.encode(Array(claimsJSON.utf8)) + "." + signature
    }

    @Test func theHonestTokenVerifies() async throws {
        let verifier = try factory.verifier()
        let token = try factory.sign(headerJSON: #"{"alg":"RS256","kid":"primary"}"#, claimsJSON: claimsJSON)
        #expect(await rejection(verifier, token) == nil)
    }

    @Test(arguments: ["none", "None", "NONE", "nOnE"])
    func algNoneIsRefusedInAnySpelling(alg: String) async throws {
        let verifier = try factory.verifier()
        let header = #"{"alg":"\#(alg)","kid":"primary"}"#
        // Without a signature segment, with an empty one, and with the real key's signature attached.
        let real = try factory.sign(headerJSON: header, claimsJSON: claimsJSON)
        let realSignature = String(real.split(separator: ".")[2])
        for token in [
            unsigned(header), unsigned(header, signature: realSignature), String(unsigned(header).dropLast()),
        ] {
            let code = await rejection(verifier, token)
            #expect(code == .algNotAllowed || code == .malformed, "\(alg)")
            #expect(code != nil)
        }
        // With a real RS256 signature over the none header: only the alg pin stops it.
        #expect(await rejection(verifier, real) == .algNotAllowed)
    }

    @Test func hs256WithThePublicKeyTextAsSecretIsRefused() async throws {
        let verifier = try factory.verifier()
        let publicKey = try factory.publicKey
        let jwkText = JSONText.serialize(try PublicJWK.jwk(for: publicKey, keyID: "primary"))
        let pem = try publicKey.pemRepresentation
        let secrets: [(String, [UInt8])] = [
            ("PEM", Array(pem.utf8)),
            ("PEM without final newline", Array(pem.trimmingCharacters(in: .newlines).utf8)),
            ("DER", try publicKey.derRepresentation),
            ("JWK", Array(jwkText.utf8)),
        ]
        for (name, secret) in secrets {
            let input =
                Base64URL.encode(Array(#"{"alg":"HS256","kid":"primary"}"#.utf8)) + "."
                + Base64URL.encode(Array(claimsJSON.utf8))
            let mac = try DigestAlgorithm.sha256.hmac(key: secret, message: Array(input.utf8))
            #expect(await rejection(verifier, input + "." + Base64URL.encode(mac)) == .algNotAllowed, "\(name)")
        }
    }

    @Test func rs512HeaderIsRefusedEvenWhenTheSignatureChecksOut() async throws {
        // Signed with the right key; the signature verifies under SHA-256, so only the pin on
        // the header's alg rejects it. (A PyJWT-made RS512 token is in `PyJWTTests`.)
        let verifier = try factory.verifier()
        for alg in ["RS512", "RS384", "PS256", "ES256", "rs256", "RS256 ", ""] {
            let token = try factory.sign(headerJSON: #"{"alg":"\#(alg)","kid":"primary"}"#, claimsJSON: claimsJSON)
            #expect(await rejection(verifier, token) == .algNotAllowed, "\(alg)")
        }
        let noAlg = try factory.sign(headerJSON: #"{"kid":"primary"}"#, claimsJSON: claimsJSON)
        #expect(await rejection(verifier, noAlg) == .algNotAllowed)
    }

    @Test func keyMaterialInTheHeaderIsIgnoredAndFetchesNothing() async throws {
        let client = ScriptedJWKSClient(
            .serve(document: try PublicJWK.keySetDocument([try factory.publicKey]), cacheControl: nil)
        )
        let clock = ManualWallClock(epochSeconds: TokenFactory.now)
        let jwksURL = try #require(URL(string: "https://issuer.example/jwks.json"))
        let cache = JWKSCache(source: URLJWKSSource(url: jwksURL, client: client), clock: clock)
        let verifier = try factory.verifier(keys: cache)

        let attacker = try TestKeys.require(TestKeys.attacker)
        let attackerPublic = try attacker.publicKey
        let attackerKid = try PublicJWK.thumbprint(of: attackerPublic)
        let attackerJWK = try PublicJWK.jwk(for: attackerPublic)
        let certificate = Base64URL.encode(try attackerPublic.derRepresentation)
        let headers: [[String: JSONValue]] = [
            ["alg": "RS256", "kid": .string(attackerKid), "jwk": attackerJWK],
            ["alg": "RS256", "kid": .string(attackerKid), "jku": "https://attacker.example/jwks.json"],
            ["alg": "RS256", "kid": .string(attackerKid), "x5u": "https://attacker.example/cert.pem"],
            ["alg": "RS256", "kid": .string(attackerKid), "x5c": [.string(certificate)]],
        ]
        let attackerFactory = TokenFactory(key: attacker, kid: attackerKid)
        for header in headers {
            let token = try attackerFactory.token(header: header)
            #expect(await rejection(verifier, token) == .unknownKid)
            // Naming the real kid with the attacker's own key in the header: the signature fails.
            var withRealKid = header
            withRealKid["kid"] = .string(try PublicJWK.thumbprint(of: try factory.publicKey))
            #expect(await rejection(verifier, try attackerFactory.token(header: withRealKid)) == .badSignature)
        }

        // The honest key with the same members present still verifies: they are simply ignored.
        let honest = TokenFactory(key: factory.key, kid: try PublicJWK.thumbprint(of: try factory.publicKey))
        var honestHeader = headers[1]
        honestHeader["kid"] = .string(honest.kid)
        #expect(await rejection(verifier, try honest.token(header: honestHeader)) == nil)

        // Only the configured JWKS URL was ever requested (one fetch, then the cooldown).
        #expect(client.requestedURLs.allSatisfy { $0 == jwksURL })
        #expect(client.requestCount == 1)
    }

    @Test func criticalHeadersAreRefused() async throws {
        let verifier = try factory.verifier()
        for crit in [#"["exp"]"#, #"["b64"]"#, "[]", #""exp""#] {
            let header = #"{"alg":"RS256","kid":"primary","crit":\#(crit),"exp":1,"b64":true}"#
            let token = try factory.sign(headerJSON: header, claimsJSON: claimsJSON)
            #expect(await rejection(verifier, token) == .unsupportedCriticalHeader, "\(crit)")
        }
    }

    @Test func paddingWhitespaceAndExtraSegmentsAreMalformed() async throws {
        let verifier = try factory.verifier()
        let token = try factory.sign(headerJSON: #"{"alg":"RS256","kid":"primary"}"#, claimsJSON: claimsJSON)
        let parts = token.split(separator: ".").map(String.init)
        let variants = [
            parts[0] + "=." + parts[1] + "." + parts[2],
            parts[0] + "." + parts[1] + "=." + parts[2],
            parts[0] + "." + parts[1] + "." + parts[2] + "=",
            parts[0] + "." + parts[1] + "." + parts[2] + "==",
            token + ".",
            token + "." + parts[2],
            parts[0] + "." + parts[1] + "." + parts[2] + "." + parts[1] + "." + parts[2],
            parts[0] + "." + parts[1],
            " " + token,
            token + "\n",
            "." + parts[1] + "." + parts[2],
            parts[0].replacingOccurrences(of: "e", with: "+") + "." + parts[1] + "." + parts[2],
            token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/"),
        ]
        for variant in variants where variant != token {
            #expect(await rejection(verifier, variant) == .malformed, "\(variant.prefix(12))…")
        }

        // Empty payload or signature segments are well-formed JWS but never a valid token.
        #expect(await rejection(verifier, parts[0] + ".." + parts[2]) == .badSignature)
        #expect(await rejection(verifier, parts[0] + "." + parts[1] + ".") == .badSignature)
        let emptyPayload = try factory.sign(headerJSON: #"{"alg":"RS256","kid":"primary"}"#, claimsJSON: "")
        #expect(await rejection(verifier, emptyPayload) == .malformed)
    }

    @Test func duplicateMembersInHeaderOrClaimsAreMalformed() async throws {
        let verifier = try factory.verifier()
        let header = #"{"alg":"RS256","kid":"primary"}"#
        let duplicateHeaders = [
            #"{"alg":"RS256","kid":"primary","alg":"none"}"#,
            #"{"alg":"RS256","kid":"primary","kid":"other"}"#,
            #"{"alg":"RS256","kid":"primary","\u0061lg":"RS256"}"#,
        ]
        for duplicate in duplicateHeaders {
            #expect(
                await rejection(verifier, try factory.sign(headerJSON: duplicate, claimsJSON: claimsJSON)) == .malformed
            )
        }
        let duplicateIssuer = String(claimsJSON.dropLast()) + #","iss":"https://evil.example/"}"#
        #expect(
            await rejection(verifier, try factory.sign(headerJSON: header, claimsJSON: duplicateIssuer)) == .malformed
        )
        let duplicateScope = String(claimsJSON.dropLast()) + #","scope":"admin"}"#
        #expect(
            await rejection(verifier, try factory.sign(headerJSON: header, claimsJSON: duplicateScope)) == .malformed
        )
    }

    @Test func oversizedTokensAreRefusedBeforeDecoding() async throws {
        let verifier = try factory.verifier()
        var claims = TokenFactory.standardClaims()
        claims["filler"] = .string(String(repeating: "x", count: 5000))
        let underCap = try factory.token(claims: claims)
        #expect(underCap.utf8.count < 8 * 1024)
        #expect(await rejection(verifier, underCap) == nil)

        claims["filler"] = .string(String(repeating: "x", count: 7000))
        let overCap = try factory.token(claims: claims)
        #expect(overCap.utf8.count > 8 * 1024)
        #expect(await rejection(verifier, overCap) == .tooLarge)

        // Not even syntax is looked at beyond the cap.
        #expect(await rejection(verifier, String(repeating: "!", count: 8 * 1024 + 1)) == .tooLarge)
        #expect(await rejection(verifier, String(repeating: "!", count: 8 * 1024)) == .malformed)
    }

    @Test func tamperedSignaturesAndSwappedPayloadsFail() async throws {
        let verifier = try factory.verifier()
        let token = try factory.token()
        var signature = try #require(Base64URL.decode(token.split(separator: ".")[2]))
        signature[0] ^= 0x80
        let parts = token.split(separator: ".").map(String.init)
        #expect(
            await rejection(verifier, parts[0] + "." + parts[1] + "." + Base64URL.encode(signature)) == .badSignature
        )
        #expect(
            await rejection(verifier, parts[0] + "." + parts[1] + "." + Base64URL.encode(signature.dropLast()))
                == .badSignature
        )

        var claims = TokenFactory.standardClaims()
        claims["scope"] = "admin"
        let other = try factory.token(claims: claims).split(separator: ".").map(String.init)
        #expect(await rejection(verifier, parts[0] + "." + other[1] + "." + parts[2]) == .badSignature)

        let wrongKey = TokenFactory(key: try TestKeys.require(TestKeys.secondary), kid: "primary")
        #expect(await rejection(verifier, try wrongKey.token()) == .badSignature)
    }
}
