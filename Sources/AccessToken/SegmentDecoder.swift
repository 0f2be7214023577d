/// Strict unpadded base64url (RFC 7515 section 2) over the token's bytes.
///
/// Same rules as `SkillSupport.Base64URL.decode` (alphabet `A-Z a-z 0-9 - _`, no padding or
/// whitespace, no impossible length, no non-zero trailing bits), but specialised to byte
/// buffers with a lookup table: it runs on every request, three times per token.
enum SegmentDecoder {
    /// 0...63 for alphabet bytes, 0xFF for everything else.
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        for (value, byte) in alphabet.enumerated() {
            table[Int(byte)] = UInt8(value)
        }
        return table
    }()

    static func decode(_ text: ArraySlice<UInt8>) -> [UInt8]? {
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
