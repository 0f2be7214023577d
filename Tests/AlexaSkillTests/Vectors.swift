import Foundation
import SkillSupport
import Testing

@testable import AlexaSkill

/// The shared test vectors in `../shared/vectors`, found from this file's path.
enum Vectors {
    /// `<package root>/../shared/vectors`.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // AlexaSkillTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("../shared/vectors")
        .standardizedFileURL

    static let available: Bool = FileManager.default.fileExists(atPath: root.appendingPathComponent("alexa").path)

    static let missingMessage: Comment = "shared test vectors not found at ../shared/vectors; skipping"

    /// The bytes of a vector file, by path relative to the vectors root.
    static func bytes(_ relativePath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(relativePath)))
    }

    /// A vector file parsed as generic JSON.
    static func json(_ relativePath: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(try bytes(relativePath)))
    }

    /// A vector file decoded as a request envelope.
    static func envelope(_ relativePath: String) throws -> RequestEnvelope {
        try RequestEnvelope.decode(try bytes(relativePath))
    }

    /// The names of the `.json` files in a vector folder, sorted.
    static func jsonFiles(in folder: String) -> [String] {
        let url = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted()
    }
}

/// Encodes a value and reads it back as generic JSON, so comparisons ignore key order and whitespace.
func jsonValue(of value: some Encodable) throws -> JSONValue {
    let data = try JSONEncoder().encode(value)
    return try JSONDecoder().decode(JSONValue.self, from: data)
}

/// Parses a JSON literal written in a test.
func jsonValue(_ text: String) throws -> JSONValue {
    try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
}
