import SkillSupport

/// A JWS in compact serialization (RFC 7515 section 7.1), decoded but not yet trusted.
public struct CompactJWS: Sendable {
    /// The default size cap: larger tokens are refused before any decoding.
    public static let defaultMaximumLength = 8 * 1024

    public var header: JOSEHeader
    /// The payload's members; the payload must be a JSON object (a JWT claims set, RFC 7519 section 7.2).
    public var claims: [String: JSONValue]
    /// `BASE64URL(header) "." BASE64URL(payload)` as ASCII bytes: what the signature covers.
    public var signingInput: [UInt8]
    public var signature: [UInt8]

    /// Parses `token` strictly: exactly three segments of unpadded base64url (RFC 7515 section 2),
    /// a header and a payload that are JSON objects without duplicate member names.
    public init(parsing token: String, maximumLength: Int = CompactJWS.defaultMaximumLength) throws(AccessTokenError) {
        let utf8 = token.utf8
        guard utf8.count <= maximumLength else {
            throw AccessTokenError(.tooLarge, "\(utf8.count) bytes, limit \(maximumLength)")
        }

        guard let firstDot = utf8.firstIndex(of: UInt8(ascii: ".")),
            let secondDot = utf8[utf8.index(after: firstDot)...].firstIndex(of: UInt8(ascii: "."))
        else { throw AccessTokenError(.malformed, "not three segments") }
        let signatureStart = utf8.index(after: secondDot)
        guard !utf8[signatureStart...].contains(UInt8(ascii: ".")) else {
            throw AccessTokenError(.malformed, "more than three segments")
        }

        let headerText = token[token.startIndex..<firstDot]
        let payloadText = token[utf8.index(after: firstDot)..<secondDot]
        let signatureText = token[signatureStart...]
        guard !headerText.isEmpty, !payloadText.isEmpty, !signatureText.isEmpty else {
            throw AccessTokenError(.malformed, "empty segment")
        }
        guard let headerBytes = Base64URL.decode(headerText) else {
            throw AccessTokenError(.malformed, "header is not unpadded base64url")
        }
        let headerMembers: [String: JSONValue]
        do {
            headerMembers = try StrictJSON.parseObject(headerBytes)
        } catch {
            throw AccessTokenError(.malformed, "header: \(error.reason)")
        }
        header = try JOSEHeader(headerMembers)

        guard let payloadBytes = Base64URL.decode(payloadText) else {
            throw AccessTokenError(.malformed, "payload is not unpadded base64url", kid: header.keyID)
        }
        do {
            claims = try StrictJSON.parseObject(payloadBytes)
        } catch {
            throw AccessTokenError(.malformed, "claims: \(error.reason)", kid: header.keyID)
        }
        guard let signatureBytes = Base64URL.decode(signatureText) else {
            throw AccessTokenError(.malformed, "signature is not unpadded base64url", kid: header.keyID)
        }
        signature = signatureBytes
        signingInput = Array(utf8[utf8.startIndex..<secondDot])
    }
}
