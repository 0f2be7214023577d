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
        var values: [String: String] = [:]
        for segment in body.split(separator: UInt8(ascii: "&")) {
            let equals = segment.firstIndex(of: UInt8(ascii: "="))
            let rawName = equals.map { segment[..<$0] } ?? segment
            let rawValue = equals.map { segment[segment.index(after: $0)...] } ?? segment[segment.endIndex...]
            guard let name = decode(rawName), let value = decode(rawValue) else { return .failure(.malformed) }
            guard values[name] == nil else { return .failure(.repeated(name)) }
            values[name] = value
        }
        return .success(FormBody(values: values))
    }

    /// One form-urlencoded name or value, nil when an escape is bad or the bytes are not UTF-8.
    static func decode(_ encoded: some Collection<UInt8>) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encoded.count)
        var index = encoded.startIndex
        while index != encoded.endIndex {
            let byte = encoded[index]
            index = encoded.index(after: index)
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%") {
                guard index != encoded.endIndex, let high = hexDigit(encoded[index]) else { return nil }
                index = encoded.index(after: index)
                guard index != encoded.endIndex, let low = hexDigit(encoded[index]) else { return nil }
                index = encoded.index(after: index)
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Encodes a name or value: RFC 3986 unreserved characters stay, space becomes `+`, every
    /// other byte `%XX`.
    static func encode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "):
                output += "+"
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                output += byte < 16 ? "%0" + hex : "%" + hex
            }
        }
        return output
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
