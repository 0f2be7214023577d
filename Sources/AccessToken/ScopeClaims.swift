import SkillSupport

/// Granted scopes, from the claims different issuers use:
/// `scope` (RFC 8693 section 4.2 / RFC 9068 section 2.2.3: space-delimited string),
/// `scp` (string or array, as some issuers write it) and `permissions` (Auth0: array of strings).
///
/// Scopes are compared as whole elements: `read` does not match `read:weather`, nor the reverse.
enum ScopeClaims {
    static func granted(_ claims: [String: JSONValue]) throws(AccessTokenError) -> Set<String> {
        var scopes: Set<String> = []
        if let scope = claims["scope"] {
            guard let text = scope.stringValue else { throw AccessTokenError(.invalidClaim, "scope is not a string") }
            scopes.formUnion(spaceDelimited(text))
        }
        if let scp = claims["scp"] {
            if let text = scp.stringValue {
                scopes.formUnion(spaceDelimited(text))
            } else {
                scopes.formUnion(try strings(scp, name: "scp"))
            }
        }
        if let permissions = claims["permissions"] {
            scopes.formUnion(try strings(permissions, name: "permissions"))
        }
        return scopes
    }

    private static func spaceDelimited(_ text: String) -> [String] {
        text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    }

    private static func strings(_ value: JSONValue, name: String) throws(AccessTokenError) -> [String] {
        guard let elements = value.arrayValue else { throw AccessTokenError(.invalidClaim, "\(name) is not an array") }
        var result: [String] = []
        for element in elements {
            guard let text = element.stringValue else {
                throw AccessTokenError(.invalidClaim, "\(name) holds a non-string")
            }
            result.append(text)
        }
        return result
    }
}
