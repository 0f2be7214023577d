import Foundation

/// Recognises the one request media type a token endpoint accepts (RFC 6749 section 3.2).
enum FormContentType {
    /// True for `application/x-www-form-urlencoded` in any letter case, with optional
    /// parameters (RFC 9110 section 8.3.1). A `charset` parameter, when present, must name
    /// UTF-8 (or its subset US-ASCII), since the body is decoded as UTF-8 (RFC 6749 Appendix B).
    static func accepts(_ headerValue: String?) -> Bool {
        guard let headerValue else { return false }
        let parts = headerValue.split(separator: ";", omittingEmptySubsequences: false)
        guard let mediaType = parts.first, trimmed(mediaType).lowercased() == "application/x-www-form-urlencoded" else {
            return false
        }

        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else {
                if trimmed(parameter).isEmpty { continue }
                return false
            }
            guard trimmed(pair[0]).lowercased() == "charset" else { continue }
            var value = trimmed(pair[1])
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            guard ["utf-8", "utf8", "us-ascii"].contains(value.lowercased()) else { return false }
        }
        return true
    }

    private static func trimmed(_ text: Substring) -> String {
        text.trimmingCharacters(in: .whitespaces)
    }
}
