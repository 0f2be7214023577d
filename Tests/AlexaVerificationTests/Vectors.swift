import Foundation

/// The shared test vectors, found from this file: up to the package root, then `../shared/vectors`.
enum Vectors {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // AlexaVerificationTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("../shared/vectors")
        .standardized

    static var available: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("alexa/signed/manifest.json").path)
    }

    static let skipMessage = "shared test vectors (../shared/vectors) are absent"

    /// The raw bytes of a vector file, by path relative to the vectors folder.
    static func bytes(_ relativePath: String) throws -> [UInt8] {
        let url = root.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw VectorError(message: "cannot read \(relativePath)")
        }
        return Array(data)
    }

    static func json(_ relativePath: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(bytes(relativePath)))
    }
}

struct VectorError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// PEM text for DER certificates, used to rebuild chains after a byte was changed.
enum PEMText {
    static func certificate(_ der: [UInt8]) -> String {
        let base64 = Data(der).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return "-----BEGIN CERTIFICATE-----\n\(base64)\n-----END CERTIFICATE-----\n"
    }
}
