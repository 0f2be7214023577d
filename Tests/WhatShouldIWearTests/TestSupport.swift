import Foundation
import SkillSupport
import Synchronization
import WhatShouldIWear

/// Paths of files shipped in the repository, found from this file's location.
enum RepositoryFiles {
    /// The package root: two folders above `Tests/WhatShouldIWearTests`.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    static func openMeteo(_ name: String) throws -> Data {
        try Data(contentsOf: root.appendingPathComponent("Tests/Fixtures/open-meteo/\(name)"))
    }

    static let demoConditions = root.appendingPathComponent("scripts/conditions.json")
}

/// An `HTTPClient` that answers from a script keyed by URL path and records every request.
final class ScriptedHTTPClient: HTTPClient {
    enum Answer: Sendable {
        case respond(status: Int, body: Data)
        case fail(HTTPClientError.Code)
    }

    private let answers: [String: Answer]
    private let sent = Mutex<[OutboundRequest]>([])

    init(_ answers: [String: Answer]) {
        self.answers = answers
    }

    /// Answers `/v1/search` with `geocoding` and `/v1/forecast` with `forecast`, both recorded files.
    convenience init(geocoding: String, forecast: String) throws {
        self.init([
            "/v1/search": .respond(status: 200, body: try RepositoryFiles.openMeteo(geocoding)),
            "/v1/forecast": .respond(status: 200, body: try RepositoryFiles.openMeteo(forecast)),
        ])
    }

    var requests: [OutboundRequest] {
        sent.withLock { $0 }
    }

    var urls: [String] {
        requests.map(\.url.absoluteString)
    }

    func send(_ request: OutboundRequest) async throws(HTTPClientError) -> OutboundResponse {
        sent.withLock { $0.append(request) }
        let path = request.url.path
        let key = answers.keys.first { path.hasSuffix($0) }
        guard let key, let answer = answers[key] else {
            throw HTTPClientError(.unreachable, "no scripted answer for \(path)")
        }
        switch answer {
        case .respond(let status, let body):
            return OutboundResponse(status: status, headers: ["Content-Type": "application/json"], body: body)
        case .fail(let code):
            throw HTTPClientError(code, "scripted failure")
        }
    }
}

/// The error a lookup produced, or nil when it gave conditions.
func lookupError(_ provider: any WeatherProvider, _ city: String) async -> WeatherError? {
    do {
        _ = try await provider.currentConditions(for: city)
        return nil
    } catch {
        return error
    }
}
