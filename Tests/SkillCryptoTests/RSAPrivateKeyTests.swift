import Foundation
import SkillCrypto
import Testing

/// Test vectors next to the repository (`../shared/vectors`), found from this file.
enum Vectors {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/vectors").standardizedFileURL

    static var available: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("SOURCES.md").path)
    }

    static func object(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: root.appendingPathComponent(path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}

/// Base64url text (RFC 4648 section 5) to bytes, for reading JWK members in tests.
func base64URL(_ text: Any?) throws -> [UInt8] {
    var value = try #require(text as? String).replacingOccurrences(of: "-", with: "+")
        .replacingOccurrences(of: "_", with: "/")
    value += String(repeating: "=", count: (4 - value.count % 4) % 4)
    return Array(try #require(Data(base64Encoded: value)))
}

func components(_ jwk: [String: Any]) throws -> RSAPrivateKeyComponents {
    RSAPrivateKeyComponents(
        modulus: try base64URL(jwk["n"]),
        publicExponent: try base64URL(jwk["e"]),
        privateExponent: try base64URL(jwk["d"]),
        prime1: try base64URL(jwk["p"]),
        prime2: try base64URL(jwk["q"]),
        exponent1: try base64URL(jwk["dp"]),
        exponent2: try base64URL(jwk["dq"]),
        coefficient: try base64URL(jwk["qi"])
    )
}

struct RSAPrivateKeyTests {
    static let key: RSAPrivateKey? = try? RSAPrivateKey.generate(bits: 2048)

    @Test func generatedKeysSignAndTheirPublicHalfVerifies() throws {
        let key = try #require(Self.key)
        #expect(key.bits == 2048)
        let message = Array("hello".utf8)
        let signature = try key.sign(message, digest: .sha256)
        #expect(signature.count == 256)
        #expect(try key.sign(message, digest: .sha256) == signature)  // PKCS#1 v1.5 is deterministic
        let publicKey = try key.publicKey
        #expect(publicKey.isValidSignature(signature, for: message, digest: .sha256))
        #expect(!publicKey.isValidSignature(signature, for: Array("hellO".utf8), digest: .sha256))
        #expect(!publicKey.isValidSignature(signature, for: message, digest: .sha1))
        #expect(!publicKey.isValidSignature([0] + signature, for: message, digest: .sha256))
        #expect(!publicKey.isValidSignature(Array(signature.dropFirst()), for: message, digest: .sha256))
    }

    @Test func keySizesOutsideTheAllowedRangeAreRefused() {
        let error = #expect(throws: CryptoError.self) { try RSAPrivateKey.generate(bits: 1024) }
        #expect(error?.code == .unsupportedKey)
    }

    @Test func pemRoundTripKeepsTheKey() throws {
        let key = try #require(Self.key)
        let pem = try key.pemRepresentation
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        let reread = try RSAPrivateKey(pem: pem)
        #expect(try reread.publicKey.modulus == (try key.publicKey.modulus))
        #expect(try reread.sign([1, 2, 3], digest: .sha256) == (try key.sign([1, 2, 3], digest: .sha256)))
    }

    @Test func publicKeyEncodingsRoundTrip() throws {
        let publicKey = try #require(Self.key).publicKey
        let der = try publicKey.derRepresentation
        let fromDER = try RSAPublicKey(derSPKI: der)
        #expect(try fromDER.modulus == (try publicKey.modulus))
        let fromPEM = try RSAPublicKey(pem: try publicKey.pemRepresentation)
        #expect(try fromPEM.derRepresentation == der)
        #expect(try publicKey.exponent == [0x01, 0x00, 0x01])
        let rebuilt = try RSAPublicKey(modulus: try publicKey.modulus, exponent: try publicKey.exponent)
        #expect(try rebuilt.derRepresentation == der)
        #expect(rebuilt.bits == 2048)
    }

    @Test func garbageInputIsAnErrorNotACrash() {
        #expect(throws: CryptoError.self) {
            try RSAPrivateKey(pem: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
        }
        #expect(throws: CryptoError.self) { try RSAPrivateKey(pem: "") }
        #expect(throws: CryptoError.self) { try RSAPublicKey(derSPKI: [0x30, 0x03, 0x02, 0x01, 0x01]) }
        #expect(throws: CryptoError.self) { try RSAPublicKey(derSPKI: []) }
        #expect(throws: CryptoError.self) { try RSAPublicKey(modulus: [], exponent: [1, 0, 1]) }
    }

    /// A throwaway 512-bit key encrypted with the passphrase "test-only": refused, since no
    /// passphrase is ever supplied (OpenSSL's default callback would read the terminal).
    @Test func anEncryptedPrivateKeyIsRefusedWithoutPrompting() throws {
        let pem = """
            -----BEGIN ENCRYPTED PRIVATE KEY-----
            MIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQI7KlntWIEqJQCAggA
            MAwGCCqGSIb3DQIJBQAwHQYJYIZIAWUDBAECBBDMCGJIAZl+jGL7bpd9PPzxBIIB
            YMa7+9CEM9IfTXO6zTBJ2QAjBplDylCw9MjUVLsLFgmdRhumKFoQGp/C1/lUxdLv
            mfAdi7ITlYItZQPeIbOpAAsgulQWV9ElKbcVy0tLtxVOCRb8og8wETvIchlWZi5y
            wLgOctlq1uvGMgIHi3s676V0arLrxnPOTPWXkuiihiTMZFiKSjkOCxGPZ2WfZg/1
            9Zqx6DNUfT2GBGsWOJ4SLNgay15c1XwEVuHMRjdb44Jwrzc3qFYijkCXhAdKVUTw
            91lKUguIFGGWnHuA6dCvt2Q5ODAG46YSHL94SF1qwmLHnANDqcl1Kp5Ic7pRML/Z
            qlEkRwXy0WAHWcw7o3JE/DzNKOEVO25ik1AhDLeG1TWLdsSrvLTGXT/oeQHyJ1Ew
            tvbsggV0KdcqffAAGNLkUP0Bqj8cWzbU/X1tL0/zimJO8VafF9w6fz4FWwxrT26e
            CA1Dec3ARNJR0r6+STo7toY=
            -----END ENCRYPTED PRIVATE KEY-----

            """
        let error = #expect(throws: CryptoError.self) { try RSAPrivateKey(pem: pem) }
        #expect(error?.code == .invalidKey)
    }

    @Test func digestAndHMACMatchKnownAnswers() throws {
        // FIPS 180-2 "abc" and RFC 4231 test case 2.
        let abc = try DigestAlgorithm.sha256.hash(Array("abc".utf8))
        #expect(
            abc.map { String(format: "%02x", $0) }.joined()
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        )
        let mac = try DigestAlgorithm.sha256.hmac(
            key: Array("Jefe".utf8),
            message: Array("what do ya want for nothing?".utf8)
        )
        #expect(
            mac.map { String(format: "%02x", $0) }.joined()
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        )
    }
}

@Suite(.enabled(if: Vectors.available, "shared test vectors not found next to the repository (../shared/vectors)"))
struct RFCSignatureReproductionTests {
    @Test func rfc7515A2SignatureIsReproducedByteForByte() throws {
        let vector = try Vectors.object("jose/rfc7515/a2_rs256.json")
        let key = try RSAPrivateKey(components: try components(try #require(vector["jwk_private"] as? [String: Any])))
        let input = Array(try #require(vector["signing_input"] as? String).utf8)
        #expect(try key.sign(input, digest: .sha256) == (try base64URL(vector["signature_b64u"])))
    }

    @Test func rfc7520Section41SignatureIsReproducedByteForByte() throws {
        let vector = try Vectors.object("jose/rfc7520/4_1.rsa_v15_signature.json")
        let input = try #require(vector["input"] as? [String: Any])
        let signing = try #require(vector["signing"] as? [String: Any])
        let key = try RSAPrivateKey(components: try components(try #require(input["key"] as? [String: Any])))
        let signingInput = Array(try #require(signing["sig-input"] as? String).utf8)
        #expect(try key.sign(signingInput, digest: .sha256) == (try base64URL(signing["sig"])))
    }

    @Test func inconsistentComponentsAreRefused() throws {
        let vector = try Vectors.object("jose/rfc7515/a2_rs256.json")
        var parts = try components(try #require(vector["jwk_private"] as? [String: Any]))
        parts.modulus = []
        #expect(throws: CryptoError.self) { try RSAPrivateKey(components: parts) }
    }
}
