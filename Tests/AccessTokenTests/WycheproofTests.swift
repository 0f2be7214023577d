import AccessToken
import Foundation
import SkillCrypto
import Testing

/// Every Wycheproof RSASSA-PKCS1-v1_5 SHA-256 vector, through the JWK-to-key path and the
/// signature check the verifier uses.
@Suite(.enabled(if: Vectors.available, Comment(rawValue: Vectors.skipMessage)))
struct WycheproofTests {
    struct Outcome {
        var checked = 0
        var mismatches: [String] = []
        var acceptableAccepted = 0
    }

    func run(_ file: String, digestMatches: Bool) throws -> Outcome {
        let document = try Vectors.object("wycheproof/testvectors_v1/\(file)")
        guard let groups = document["testGroups"] as? [[String: Any]] else {
            throw Vectors.VectorError.missing("testGroups")
        }
        var outcome = Outcome()
        for group in groups {
            var jwk = try group.object("keyJwk")
            jwk["kid"] = "wycheproof"
            if !digestMatches {
                // The key is published for RS512, so the key set refuses it outright; the alg
                // member is dropped to show the signatures fail on the RS256 path as well.
                let original = try JSONSerialization.data(withJSONObject: ["keys": [jwk]])
                #expect(try JSONWebKeySet(parsing: Array(original)).skipped.map(\.reason) == [.algorithmNotAllowed])
                jwk["alg"] = nil
            }
            let document = try JSONSerialization.data(withJSONObject: ["keys": [jwk]])
            let keySet = try JSONWebKeySet(parsing: Array(document))
            let key = try #require(keySet.keys["wycheproof"], "JWK of \(file) refused: \(keySet.skipped)")
            guard let tests = group["tests"] as? [[String: Any]] else { throw Vectors.VectorError.missing("tests") }
            for test in tests {
                guard let message = hexBytes(try test.string("msg")), let signature = hexBytes(try test.string("sig"))
                else {
                    throw Vectors.VectorError.missing("hex")
                }
                let result = try test.string("result")
                let accepted = key.isValidSignature(signature, for: message, digest: .sha256)
                outcome.checked += 1
                let id = "\(file) tcId \(test["tcId"] ?? "?")"
                // In the SHA-512 file, the "WrongHash" case hashed with SHA-256 is a genuine
                // RS256 signature: the RS256 path must accept exactly that one.
                let flags = test["flags"] as? [String] ?? []
                let comment = test["comment"] as? String ?? ""
                let isSHA256Signature = !digestMatches && flags.contains("WrongHash") && comment.contains("SHA-256")
                switch result {
                case _ where isSHA256Signature:
                    if !accepted { outcome.mismatches.append("\(id): SHA-256 signature rejected on the RS256 path") }
                case "valid" where digestMatches:
                    if !accepted { outcome.mismatches.append("\(id): valid but rejected") }
                case "acceptable":
                    if accepted { outcome.acceptableAccepted += 1 }
                default:
                    if accepted { outcome.mismatches.append("\(id): \(result) but accepted") }
                }
            }
        }
        return outcome
    }

    @Test(arguments: [
        ("rsa_signature_2048_sha256_test.json", 259),
        ("rsa_signature_3072_sha256_test.json", 259),
        ("rsa_signature_4096_sha256_test.json", 258),
    ])
    func sha256VectorsGiveTheFileVerdict(file: String, expectedCount: Int) throws {
        let outcome = try run(file, digestMatches: true)
        #expect(outcome.checked == expectedCount)
        #expect(outcome.mismatches.isEmpty, "\(outcome.mismatches)")
        // The one "acceptable" case (MissingNull: DigestInfo without the NULL parameter) is
        // rejected: the stricter of the two permitted answers.
        #expect(outcome.acceptableAccepted == 0)
    }

    /// Control: signatures made with SHA-512 never verify on the SHA-256 (RS256) path.
    @Test func sha512SignaturesNeverVerifyAsRS256() throws {
        let outcome = try run("rsa_signature_2048_sha512_test.json", digestMatches: false)
        #expect(outcome.checked == 259)
        #expect(outcome.mismatches.isEmpty, "\(outcome.mismatches)")
    }
}

/// Wycheproof's JSON Web Signature cases for RS256 (modified signatures and DigestInfo
/// encodings, alg=none, base64 variants), through strict parsing, the JWKS parser and the
/// RS256 JWS layer. Their payloads are not claims sets, so the JWT layer is not involved.
@Suite(.enabled(if: Vectors.available, Comment(rawValue: Vectors.skipMessage)))
struct WycheproofJWSTests {
    @Test func rs256JWSCasesGiveTheFileVerdict() async throws {
        let document = try Vectors.object("wycheproof/testvectors_v1/json_web_signature_test.json")
        guard let groups = document["testGroups"] as? [[String: Any]] else {
            throw Vectors.VectorError.missing("testGroups")
        }
        var checked = 0
        var mismatches: [String] = []
        for group in groups {
            guard (group["private"] as? [String: Any])?["alg"] as? String == "RS256" else { continue }
            let publicJWK = try group.object("public")
            let keys = try JSONWebKeySet(
                parsing: Array(try JSONSerialization.data(withJSONObject: ["keys": [publicJWK]]))
            )
            #expect(keys.keys.count == 1, "\(group["comment"] ?? "")")
            let verifier = RS256SignatureVerifier(keys: StaticKeyProvider(keySet: keys))
            guard let tests = group["tests"] as? [[String: Any]] else { throw Vectors.VectorError.missing("tests") }
            for test in tests {
                let expected = try test.string("result")
                var accepted = false
                if let jws = try? CompactJWS(parsing: try test.string("jws")) {
                    do {
                        try await verifier.verify(jws)
                        accepted = true
                    } catch {
                        accepted = false
                    }
                }
                checked += 1
                if accepted != (expected == "valid") {
                    mismatches.append("tcId \(test["tcId"] ?? "?") \(test["comment"] ?? ""): \(expected)")
                }
            }
        }
        #expect(checked == 233)
        #expect(mismatches.isEmpty, "\(mismatches)")
    }
}
