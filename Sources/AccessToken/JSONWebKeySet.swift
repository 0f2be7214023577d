import SkillCrypto
import SkillSupport

/// The usable RS256 keys of a JWKS document (RFC 7517 section 5), by `kid`.
///
/// Entries that fail validation are skipped, each with a logged reason, and the rest of the
/// set still works. Entries sharing a `kid` are all dropped, because which one the issuer
/// meant cannot be told.
public struct JSONWebKeySet: Sendable {
    /// One skipped entry.
    public struct SkippedKey: Sendable, Equatable {
        public var index: Int
        public var keyID: String?
        public var reason: JWKRejection
    }

    /// The usable keys by `kid`.
    public private(set) var keys: [String: RSAPublicKey]
    /// The entries left out, with reasons (`index` -1 for `kid`s dropped as duplicates).
    public private(set) var skipped: [SkippedKey]

    /// A set holding exactly these keys.
    public init(keys: [String: RSAPublicKey]) {
        self.keys = keys
        skipped = []
    }

    /// Parses a JWKS document. Throws only when the document itself is unusable (not a JSON
    /// object with a `keys` array); bad entries are skipped and listed in `skipped`.
    public init(parsing bytes: [UInt8], logger: Logger = .disabled) throws(AccessTokenError) {
        let members: [String: JSONValue]
        do {
            members = try StrictJSON.parseObject(bytes)
        } catch {
            throw AccessTokenError(.jwksUnavailable, "key set is not a JSON object: \(error.reason)")
        }
        guard let entries = members["keys"]?.arrayValue else {
            throw AccessTokenError(.jwksUnavailable, "key set has no keys array")
        }

        var accepted: [String: RSAPublicKey] = [:]
        var duplicates: Set<String> = []
        var skipped: [SkippedKey] = []
        for (index, entry) in entries.enumerated() {
            guard let object = entry.objectValue else {
                skipped.append(SkippedKey(index: index, keyID: nil, reason: .notAnObject))
                continue
            }
            let kid = object["kid"]?.stringValue
            do {
                let key = try JSONWebKey(validating: object)
                guard let kid = key.keyID else {
                    skipped.append(SkippedKey(index: index, keyID: nil, reason: .missingKeyID))
                    continue
                }
                if accepted.updateValue(key.publicKey, forKey: kid) != nil || duplicates.contains(kid) {
                    duplicates.insert(kid)
                }
            } catch {
                skipped.append(SkippedKey(index: index, keyID: kid, reason: error.reason))
            }
        }
        for kid in duplicates {
            accepted[kid] = nil
            skipped.append(SkippedKey(index: -1, keyID: kid, reason: .duplicateKeyID))
        }

        for entry in skipped {
            let data = [
                "jwk.index": String(entry.index), "jwk.kid": entry.keyID ?? "", "jwk.reason": entry.reason.rawValue,
            ]
            if entry.reason.isSuspicious {
                logger.warning("jwks.key.skipped", data)
            } else {
                logger.debug("jwks.key.skipped", data)
            }
        }
        self.keys = accepted
        self.skipped = skipped
    }
}
