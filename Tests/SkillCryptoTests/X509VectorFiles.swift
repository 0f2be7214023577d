import Foundation

/// Certificate files of the shared vectors (`../shared/vectors` next to the package root).
enum X509VectorFiles {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("../shared/vectors")
        .standardized

    static var available: Bool {
        FileManager.default.fileExists(
            atPath: root.appendingPathComponent("alexa/signed/echo-api-cert-7.chain.pem").path
        )
    }

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(relativePath).path) else {
            throw CocoaError(.fileReadNoSuchFile)
        }
        return Array(data)
    }

    /// Seconds since 1970 of an ISO 8601 time, for readable test dates.
    static func date(_ text: String) throws -> Date {
        try Date.ISO8601FormatStyle().parse(text)
    }
}
