import Foundation

/// Base64url without padding (RFC 4648 section 5, as JOSE uses it, RFC 7515 section 2).
public enum Base64URL {
    /// Encodes bytes as unpadded base64url.
    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes strict unpadded base64url: only `A-Z a-z 0-9 - _`, no padding, no whitespace,
    /// no length that cannot come from an encoding, and no non-zero bits after the last byte.
    /// Returns nil for anything else.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        decode(bytes: ArraySlice(text.utf8))
    }

    /// 0...63 for alphabet bytes, 0xFF for everything else.
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        for (value, byte) in alphabet.enumerated() {
            table[Int(byte)] = UInt8(value)
        }
        return table
    }()

    /// Decodes strict unpadded base64url from bytes (a segment of a token, say); nil for anything
    /// outside the rules of ``decode(_:)``. Table-driven: it runs three times per access token.
    public static func decode(bytes text: ArraySlice<UInt8>) -> [UInt8]? {
        let count = text.count
        guard count % 4 != 1 else { return nil }
        let decodedCount = count / 4 * 3 + max(count % 4 - 1, 0)
        var valid = true
        let output = [UInt8](unsafeUninitializedCapacity: decodedCount) { output, initialized in
            valid = table.withUnsafeBufferPointer { table in
                text.withUnsafeBufferPointer { input in
                    decode(input, into: output, table: table)
                }
            }
            initialized = valid ? decodedCount : 0
        }
        return valid ? output : nil
    }

    /// Writes the decoded bytes of `input` into `output`, which holds exactly enough room.
    private static func decode(
        _ input: UnsafeBufferPointer<UInt8>,
        into output: UnsafeMutableBufferPointer<UInt8>,
        table: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        let count = input.count
        var index = 0
        var written = 0
        while index + 4 <= count {
            let a = table[Int(input[index])], b = table[Int(input[index + 1])]
            let c = table[Int(input[index + 2])], d = table[Int(input[index + 3])]
            guard (a | b | c | d) & 0xC0 == 0 else { return false }
            output[written] = a << 2 | b >> 4
            output[written + 1] = (b & 0x0F) << 4 | c >> 2
            output[written + 2] = (c & 0x03) << 6 | d
            index += 4
            written += 3
        }
        switch count - index {
        case 2:
            let a = table[Int(input[index])], b = table[Int(input[index + 1])]
            guard (a | b) & 0xC0 == 0, b & 0x0F == 0 else { return false }
            output[written] = a << 2 | b >> 4
        case 3:
            let a = table[Int(input[index])], b = table[Int(input[index + 1])]
            let c = table[Int(input[index + 2])]
            guard (a | b | c) & 0xC0 == 0, c & 0x03 == 0 else { return false }
            output[written] = a << 2 | b >> 4
            output[written + 1] = (b & 0x0F) << 4 | c >> 2
        default:
            break
        }
        return true
    }
}
