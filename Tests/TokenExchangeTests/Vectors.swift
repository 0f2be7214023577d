import Foundation

/// The shared test vectors, `../shared/vectors` next to the package root.
enum Vectors {
    static let root: URL = URL(filePath: #filePath)
        .deletingLastPathComponent()  // TokenExchangeTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appending(path: "../shared/vectors")
        .standardizedFileURL

    static var available: Bool {
        FileManager.default.fileExists(atPath: root.appending(path: "oauth").path)
    }

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appending(path: relativePath)))
    }
}
