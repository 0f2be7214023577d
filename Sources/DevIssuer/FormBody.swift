import TokenExchange

/// A decoded `application/x-www-form-urlencoded` body (RFC 6749 Appendix B): UTF-8, `+` for a
/// space, `%XX` for a byte.
struct FormBody: Sendable {
    /// Each parameter's value; parameters are unique (see `parse`).
    let values: [String: String]

    subscript(name: String) -> String? {
        values[name]
    }

    /// Why a body could not be read.
    enum Failure: Error, Equatable {
        /// A bad `%` escape or bytes that are not UTF-8.
        case malformed
        /// A parameter appeared twice, which RFC 6749 section 3.2 forbids.
        case repeated(String)
    }

    /// Parses `body`. Empty segments (`a=1&&b=2`) are skipped.
    static func parse(_ body: [UInt8]) -> Result<FormBody, Failure> {
        guard let fields = FormURLEncoding.parse(body) else { return .failure(.malformed) }
        var values: [String: String] = [:]
        for field in fields {
            guard values[field.name] == nil else { return .failure(.repeated(field.name)) }
            values[field.name] = field.value
        }
        return .success(FormBody(values: values))
    }
}
