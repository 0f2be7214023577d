import Foundation

/// Builds request URLs with every query value percent-encoded by this code, not left to
/// `URLComponents.queryItems`, whose treatment of `+`, `&` and `=` differs between Foundation
/// versions. A city such as "Winston-Salem & Co" must arrive as one `name` value.
enum QueryString {
    /// RFC 3986 section 2.3 unreserved characters, plus `,`, `/` and `:`, which section 3.4 allows in
    /// a query and which Open-Meteo reads literally (variable lists, time-zone names).
    private static let allowed: CharacterSet = {
        var set = CharacterSet()
        set.insert(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~,/:")
        return set
    }()

    /// One name or value, encoded for a query (space as `%20`, UTF-8 bytes as `%XX`).
    static func encode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// `base` with `path` appended to its own path and `items` as the query, or nil when the base
    /// URL cannot carry one (it already has a query or a fragment). The URL is assembled as text
    /// and parsed, never through `URLComponents` setters, which trap on characters they reject.
    static func url(base: URL, path: String, items: [(String, String)]) -> URL? {
        guard base.query == nil, base.fragment == nil else { return nil }

        var prefix = base.absoluteString
        while prefix.hasSuffix("/") { prefix.removeLast() }
        let query = items.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
        return URL(string: "\(prefix)\(path)?\(query)")
    }
}
