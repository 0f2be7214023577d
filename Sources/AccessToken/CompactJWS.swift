import SkillSupport

/// A JWS in compact serialization (RFC 7515 section 7.1), decoded but not yet trusted.
public struct CompactJWS: Sendable {
    /// The default size cap: larger tokens are refused before any decoding.
    public static let defaultMaximumLength = 8 * 1024

    /// The protected header.
    public var header: JOSEHeader
    /// The decoded payload bytes; `claims()` reads them as a JWT claims set.
    public var payload: [UInt8]
    /// `BASE64URL(header) "." BASE64URL(payload)` as ASCII bytes: what the signature covers.
    public var signingInput: [UInt8]
    /// The decoded signature.
    public var signature: [UInt8]

    /// Parses `token` strictly: exactly three segments of unpadded base64url (RFC 7515 section 2)
    /// and a header that is a JSON object without duplicate member names.
    public init(parsing token: String, maximumLength: Int = CompactJWS.defaultMaximumLength) throws(AccessTokenError) {
        guard token.utf8.count <= maximumLength else {
            throw AccessTokenError(.tooLarge, "\(token.utf8.count) bytes, limit \(maximumLength)")
        }
        let bytes = Array(token.utf8)

        let dots = bytes.withUnsafeBufferPointer { buffer in
            var found: [Int] = []
            for index in 0..<buffer.count where buffer[index] == UInt8(ascii: ".") {
                found.append(index)
            }
            return found
        }
        guard dots.count == 2 else {
            throw AccessTokenError(
                .malformed,
                dots.count < 2 ? "fewer than three segments" : "more than three segments"
            )
        }
        let headerText = bytes[0..<dots[0]]
        let payloadText = bytes[(dots[0] + 1)..<dots[1]]
        let signatureText = bytes[(dots[1] + 1)...]
        // An empty payload or signature is well-formed JWS (RFC 7515 section 7.1); neither
        // survives later: no RS256 signature is empty and no claims set is.
        guard !headerText.isEmpty else { throw AccessTokenError(.malformed, "empty header") }

        guard let headerBytes = Base64URL.decode(bytes: headerText) else {
            throw AccessTokenError(.malformed, "header is not unpadded base64url")
        }
        let headerMembers: [String: JSONValue]
        do {
            headerMembers = try StrictJSON.parseObject(headerBytes)
        } catch {
            throw AccessTokenError(.malformed, "header: \(error.reason)")
        }
        header = try JOSEHeader(headerMembers)

        guard let payloadBytes = Base64URL.decode(bytes: payloadText) else {
            throw AccessTokenError(.malformed, "payload is not unpadded base64url", kid: header.keyID)
        }
        payload = payloadBytes
        guard let signatureBytes = Base64URL.decode(bytes: signatureText) else {
            throw AccessTokenError(.malformed, "signature is not unpadded base64url", kid: header.keyID)
        }
        signature = signatureBytes
        signingInput = Array(bytes[0..<dots[1]])
    }

    /// The payload as a JWT claims set (RFC 7519 section 7.2 step 10): a JSON object without
    /// duplicate member names. Anything else (the sentence of RFC 7520 section 4.1, an array,
    /// two `iss` members) is `malformed`.
    public func claims() throws(AccessTokenError) -> [String: JSONValue] {
        do {
            return try StrictJSON.parseObject(payload)
        } catch {
            throw AccessTokenError(.malformed, "claims: \(error.reason)", kid: header.keyID)
        }
    }
}
