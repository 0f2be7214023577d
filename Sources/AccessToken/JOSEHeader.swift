import SkillSupport

/// The members of a JWS protected header (RFC 7515 section 4.1) this verifier looks at.
///
/// `jwk`, `jku`, `x5u` and `x5c` are recorded only so their presence can be logged: key
/// material named by the token is never used and never fetched (the key comes from the
/// configured key set, chosen by `kid`).
public struct JOSEHeader: Sendable, Equatable {
    /// `alg`, when it is a string.
    public var algorithm: String?
    /// `kid`, when present.
    public var keyID: String?
    /// `typ`, when present.
    public var type: String?
    /// Whether `crit` is present at all (RFC 7515 section 4.1.11).
    public var hasCritical: Bool
    /// Which of `jwk`, `jku`, `x5u`, `x5c` appeared (ignored for key selection).
    public var ignoredKeyMembers: [String]

    /// Reads the header object; members of the wrong JSON type make the token malformed.
    init(_ members: [String: JSONValue]) throws(AccessTokenError) {
        algorithm = members["alg"]?.stringValue
        if let alg = members["alg"], alg.stringValue == nil {
            throw AccessTokenError(.malformed, "alg is not a string")
        }
        keyID = members["kid"]?.stringValue
        if let kid = members["kid"], kid.stringValue == nil {
            throw AccessTokenError(.malformed, "kid is not a string")
        }
        type = members["typ"]?.stringValue
        if let typ = members["typ"], typ.stringValue == nil {
            throw AccessTokenError(.malformed, "typ is not a string", kid: keyID)
        }
        hasCritical = members["crit"] != nil
        ignoredKeyMembers = ["jwk", "jku", "x5u", "x5c"].filter { members[$0] != nil }
    }
}
