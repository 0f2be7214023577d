/// The `scope` parameter (RFC 6749 section 3.3): space-delimited, case-sensitive tokens whose
/// order carries no meaning.
enum ScopeList {
    /// The tokens of a `scope` value, in order without repeats; nil when a token has a character
    /// outside `%x21 / %x23-5B / %x5D-7E` or the value has empty tokens (two spaces, an edge space).
    static func parse(_ value: String) -> [String]? {
        let tokens = value.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var result: [String] = []
        for token in tokens {
            guard isValidToken(token) else { return nil }
            if !result.contains(token) { result.append(token) }
        }
        return result
    }

    /// One scope token as RFC 6749 section 3.3 defines it.
    static func isValidToken(_ token: String) -> Bool {
        !token.isEmpty
            && token.utf8.allSatisfy { byte in
                byte == 0x21 || (0x23...0x5B).contains(byte) || (0x5D...0x7E).contains(byte)
            }
    }

    /// What a request for `requested` (nil: the parameter was absent) may be granted out of
    /// `allowed`: all of `allowed` when nothing (or an empty value) was asked; nil when a
    /// requested token is not allowed.
    static func grant(requested: String?, allowed: [String]) -> [String]? {
        guard let requested, !requested.isEmpty else { return allowed }
        guard let tokens = parse(requested), tokens.allSatisfy(allowed.contains) else { return nil }
        return tokens
    }

    static func format(_ scopes: [String]) -> String {
        scopes.joined(separator: " ")
    }
}
