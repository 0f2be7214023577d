/// The `application/x-www-form-urlencoded` format as RFC 6749 Appendix B uses it: UTF-8 bytes,
/// `+` for space, `%XX` for every byte outside the unreserved set.
public enum FormURLEncoding {
    /// One `name=value` pair of a form body, decoded, with the exact bytes it arrived as.
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: String
        /// The segment between `&` separators, byte for byte as received.
        public var raw: [UInt8]
    }

    /// Splits a body into fields. Returns nil when a percent escape is malformed or a decoded
    /// name or value is not UTF-8. Empty segments (`a=1&&b=2`) carry nothing and are skipped.
    public static func parse(_ body: [UInt8]) -> [Field]? {
        var fields: [Field] = []
        for segment in body.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let equals = segment.firstIndex(of: UInt8(ascii: "="))
            let rawName = equals.map { segment[segment.startIndex..<$0] } ?? segment[...]
            let rawValue = equals.map { segment[segment.index(after: $0)...] } ?? []
            guard let name = decode(rawName), let value = decode(rawValue) else { return nil }
            fields.append(Field(name: name, value: value, raw: Array(segment)))
        }
        return fields
    }

    /// Decodes one name or value: `+` is a space, `%XX` a byte; the bytes must be UTF-8.
    public static func decode(_ encoded: some Collection<UInt8>) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(encoded.count)
        var iterator = encoded.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Encodes one name or value: unreserved characters (RFC 3986 section 2.3) stay, space
    /// becomes `+`, every other UTF-8 byte becomes `%XX` with upper-case hex.
    public static func encode(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                output.append(byte)
            } else if byte == UInt8(ascii: " ") {
                output.append(UInt8(ascii: "+"))
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Serialises name/value pairs in order, joined by `&`.
    public static func serialize(_ pairs: [(name: String, value: String)]) -> String {
        pairs.map { "\(encode($0.name))=\(encode($0.value))" }.joined(separator: "&")
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
