/// Percent-decoding of request targets (RFC 3986 section 2.1). A `%` not followed by two hex
/// digits is kept as it is, so no input is ever rejected here.
enum PercentDecoding {
    /// Decodes a path: `%HH` only.
    static func path(_ bytes: [UInt8]) -> String {
        decode(bytes, plusIsSpace: false)
    }

    /// Decodes a query name or value the way HTML forms encode them: `+` is a space, then `%HH`.
    static func queryComponent(_ bytes: [UInt8]) -> String {
        decode(bytes, plusIsSpace: true)
    }

    private static func decode(_ bytes: [UInt8], plusIsSpace: Bool) -> String {
        guard bytes.contains(where: { $0 == UInt8(ascii: "%") || (plusIsSpace && $0 == UInt8(ascii: "+")) }) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
                continue
            }
            output.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
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
