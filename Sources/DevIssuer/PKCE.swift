import SkillCrypto
import SkillSupport

/// Proof Key for Code Exchange (RFC 7636) with the `S256` method only: `plain` would let an
/// intercepted authorization request be replayed, so it is not offered.
enum PKCE {
    /// A `code_challenge` as S256 produces it: 43 base64url characters (a SHA-256 digest).
    static func isValidChallenge(_ challenge: String) -> Bool {
        challenge.utf8.count == 43 && Base64URL.decode(challenge)?.count == 32
    }

    /// Whether `verifier` (RFC 7636 section 4.1: 43 to 128 unreserved characters) hashes to
    /// `challenge`: `BASE64URL(SHA256(ASCII(verifier)))`, section 4.6.
    static func verifies(_ verifier: String, challenge: String) -> Bool {
        let bytes = Array(verifier.utf8)
        guard (43...128).contains(bytes.count), bytes.allSatisfy(isUnreserved),
            let digest = try? DigestAlgorithm.sha256.hash(bytes)
        else { return false }
        return ConstantTime.equal(Base64URL.encode(digest), challenge)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default:
            false
        }
    }
}
