import Foundation

/// Adds the members RFC 6749 section 5.1 lets a provider omit but Alexa needs, without touching
/// a byte of what the provider sent: new members are inserted as text before the closing brace
/// of the original object, so numbers, key order, escapes and whitespace all stay as they were.
struct TokenResponseCompletion: Sendable, Equatable {
    /// Where the `expires_in` in the answer came from, for the log line.
    enum ExpiresInSource: String, Sendable {
        case upstream
        case jwt
        case configuredDefault = "default"
    }

    /// The body to send on.
    var body: [UInt8]
    var expiresInSource: ExpiresInSource
    var addedTokenType: Bool

    /// - Parameters:
    ///   - original: the upstream body, already known to be one JSON object.
    ///   - members: that object's members.
    ///   - now: the time used to turn a JWT `exp` into a lifetime.
    ///   - defaultExpiresIn: the lifetime used when the access token carries no `exp`.
    init(original: [UInt8], members: [String: OAuthJSON], now: Date, defaultExpiresIn: Int) {
        var additions: [String] = []
        var source = ExpiresInSource.upstream

        // An existing expires_in is never replaced, whatever its JSON type: the provider said it.
        if members["expires_in"] == nil {
            var lifetime: Int?
            if case .string(let token) = members["access_token"] {
                lifetime = AccessTokenLifetime.remainingSeconds(of: token, now: now)
            }
            source = lifetime == nil ? .configuredDefault : .jwt
            additions.append("\"expires_in\":\(lifetime ?? defaultExpiresIn)")
        }

        // Section 5.1 makes token_type REQUIRED; Bearer (RFC 6750) is what providers issue.
        let addsTokenType = members["token_type"] == nil
        if addsTokenType {
            additions.append("\"token_type\":\"Bearer\"")
        }

        expiresInSource = source
        addedTokenType = addsTokenType
        body = Self.inserting(additions, into: original, objectIsEmpty: members.isEmpty)
    }

    private static func inserting(_ additions: [String], into original: [UInt8], objectIsEmpty: Bool) -> [UInt8] {
        guard !additions.isEmpty, let brace = original.lastIndex(of: UInt8(ascii: "}")) else { return original }

        let separator = objectIsEmpty ? "" : ","
        let text = separator + additions.joined(separator: ",")
        var patched = original
        patched.insert(contentsOf: Array(text.utf8), at: brace)
        return patched
    }
}
