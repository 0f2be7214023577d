import Foundation

/// The shared test vectors, found from this file: up to the package root, then `../shared/vectors`.
enum Vectors {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // AccessTokenTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("../shared/vectors")
        .standardizedFileURL

    static var available: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("SOURCES.md").path)
    }

    static let skipMessage = "shared test vectors not found next to the repository (../shared/vectors)"

    static func data(_ relativePath: String) throws -> Data {
        try Data(contentsOf: root.appendingPathComponent(relativePath))
    }

    /// A vector file read with Foundation (its own content is trusted test input).
    static func object(_ relativePath: String) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: data(relativePath)) as? [String: Any] else {
            throw VectorError.notAnObject(relativePath)
        }
        return object
    }

    enum VectorError: Error {
        case notAnObject(String)
        case missing(String)
    }
}

extension Dictionary where Key == String, Value == Any {
    func string(_ key: String) throws -> String {
        guard let value = self[key] as? String else { throw Vectors.VectorError.missing(key) }
        return value
    }

    func object(_ key: String) throws -> [String: Any] {
        guard let value = self[key] as? [String: Any] else { throw Vectors.VectorError.missing(key) }
        return value
    }
}

/// Hex text to bytes; nil for odd length or a non-hex character.
func hexBytes(_ text: String) -> [UInt8]? {
    var bytes: [UInt8] = []
    var iterator = text.utf8.makeIterator()
    while let high = iterator.next() {
        guard let low = iterator.next(), let h = hexDigit(high), let l = hexDigit(low) else { return nil }
        bytes.append(h << 4 | l)
    }
    return bytes
}

private func hexDigit(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
}
