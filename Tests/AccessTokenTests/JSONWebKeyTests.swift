import AccessToken
import Foundation
import SkillCrypto
import SkillSupport
import Testing

struct JSONWebKeyTests {
    func keySet(_ entries: [[String: Any]], logger: Logger = .disabled) throws -> JSONWebKeySet {
        let document = try JSONSerialization.data(withJSONObject: ["keys": entries])
        return try JSONWebKeySet(parsing: Array(document), logger: logger)
    }

    func validEntry(kid: String = "k1") throws -> [String: Any] {
        let key = try TestKeys.require(TestKeys.primary).publicKey
        return [
            "kty": "RSA", "use": "sig", "alg": "RS256", "kid": kid,
            "n": Base64URL.encode(try key.modulus), "e": Base64URL.encode(try key.exponent),
        ]
    }

    @Test(.enabled(if: Vectors.available, Comment(rawValue: Vectors.skipMessage)))
    func rfc7517A1KeepsTheRSAKeyAndSkipsTheECEncryptionKey() throws {
        let sink = InMemoryLogSink()
        let logger = Logger(label: "test", minimumLevel: .trace, sink: sink)
        let set = try JSONWebKeySet(
            parsing: Array(try Vectors.data("jose/rfc7517/a1_public_keys.jwks.json")),
            logger: logger
        )
        #expect(Set(set.keys.keys) == ["2011-04-29"])
        #expect(set.keys["2011-04-29"]?.bits == 2048)
        #expect(set.skipped.map(\.index) == [0])
        #expect(set.skipped.map(\.keyID) == ["1"])
        #expect(set.skipped.map(\.reason) == [.unsupportedKeyType])
        #expect(
            sink.records.contains {
                $0.event == "jwks.key.skipped" && $0.metadata["jwk.reason"] == "unsupported_key_type"
            }
        )
    }

    @Test(.enabled(if: Vectors.available, Comment(rawValue: Vectors.skipMessage)))
    func rfc7638ThumbprintMatchesTheRFC() throws {
        let vector = try Vectors.object("jose/rfc7517/rfc7638_thumbprint.json")
        let jwk = try vector.object("jwk")
        let set = try keySet([jwk])
        let key = try #require(set.keys[try jwk.string("kid")])
        #expect(try PublicJWK.thumbprint(of: key) == (try vector.string("thumbprint_sha256_b64u")))
    }

    @Test func exportedJWKHasTheRS256ShapeAndRoundTrips() throws {
        let key = try TestKeys.require(TestKeys.primary).publicKey
        let jwk = try #require(try PublicJWK.jwk(for: key).objectValue)
        #expect(Set(jwk.keys) == ["kty", "use", "alg", "kid", "n", "e"])
        #expect(jwk["kty"] == "RSA" && jwk["use"] == "sig" && jwk["alg"] == "RS256" && jwk["e"] == "AQAB")
        #expect(jwk["kid"] == .string(try PublicJWK.thumbprint(of: key)))

        let document = try PublicJWK.keySetDocument([key])
        let set = try JSONWebKeySet(parsing: Array(document.utf8))
        let kid = try #require(jwk["kid"]?.stringValue)
        #expect(try set.keys[kid]?.modulus == (try key.modulus))
    }

    @Test func aValidEntryIsKept() throws {
        #expect(Set(try keySet([try validEntry()]).keys.keys) == ["k1"])
    }

    @Test(
        arguments: [
            ("kty", "EC", JWKRejection.unsupportedKeyType),
            ("use", "enc", .notForSignatures),
            ("alg", "RS512", .algorithmNotAllowed),
            ("alg", "none", .algorithmNotAllowed),
            ("e", "AQ", .badExponent),  // e = 1
            ("e", "Ag", .badExponent),  // e = 2, even
            ("e", "AQAB=", .badEncoding),  // padding
            ("e", "AAEAAQ", .badEncoding),  // leading zero octet
            ("d", "AQAB", .privateKeyMaterial),
        ] as [(String, String, JWKRejection)]
    )
    func aBadEntryIsSkippedWithItsReasonAndTheRestStillWorks(
        member: String,
        value: String,
        reason: JWKRejection
    )
        throws
    {
        var bad = try validEntry(kid: "bad")
        bad[member] = value
        let set = try keySet([bad, try validEntry(kid: "good")])
        #expect(Set(set.keys.keys) == ["good"])
        #expect(set.skipped.map(\.reason) == [reason])
    }

    @Test func keyOperationsMustIncludeVerify() throws {
        var signOnly = try validEntry(kid: "sign-only")
        signOnly["key_ops"] = ["sign"]
        var verify = try validEntry(kid: "verify")
        verify["key_ops"] = ["verify"]
        let set = try keySet([signOnly, verify])
        #expect(Set(set.keys.keys) == ["verify"])
        #expect(set.skipped.map(\.reason) == [.verifyNotPermitted])
    }

    @Test func a1024BitModulusIsRefusedAsWeak() throws {
        // An odd 1024-bit number with the top bit set: too short whatever its factors.
        var modulus = [UInt8](repeating: 0xA5, count: 128)
        modulus[0] = 0xC3
        var entry = try validEntry(kid: "short")
        entry["n"] = Base64URL.encode(modulus)
        #expect(try keySet([entry]).skipped.map(\.reason) == [.weakModulus])
    }

    @Test func entriesSharingAKidAreBothDropped() throws {
        let set = try keySet([try validEntry(kid: "same"), try validEntry(kid: "same"), try validEntry(kid: "other")])
        #expect(Set(set.keys.keys) == ["other"])
        #expect(set.skipped.map(\.reason) == [.duplicateKeyID])
    }

    @Test func entriesWithoutKidOrNotObjectsAreSkipped() throws {
        var noKid = try validEntry()
        noKid["kid"] = nil
        let document = try JSONSerialization.data(withJSONObject: ["keys": [noKid, "text", try validEntry(kid: "k")]])
        let set = try JSONWebKeySet(parsing: Array(document))
        #expect(Set(set.keys.keys) == ["k"])
        #expect(Set(set.skipped.map(\.reason)) == [.missingKeyID, .notAnObject])
    }

    @Test func aDocumentWithoutAKeysArrayIsUnusable() throws {
        for text in ["[]", "{\"keys\":{}}", "{\"keys\":[],\"keys\":[]}", "not json"] {
            let error = #expect(throws: AccessTokenError.self) { try JSONWebKeySet(parsing: Array(text.utf8)) }
            #expect(error?.code == .jwksUnavailable, "\(text)")
        }
    }
}
