import Foundation
import HTTPServer
import SkillSupport
import Synchronization
import Testing

/// Files of the repository and of the shared test vectors, found from this file's location.
enum RepositoryFiles {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: url(relativePath)))
    }

    /// The built `skill-server` executable, when `swift build` has produced it.
    static var skillServerExecutable: URL? {
        let candidate = root.appendingPathComponent(".build/debug/skill-server")
        return FileManager.default.isExecutableFile(atPath: candidate.path) ? candidate : nil
    }
}

/// A real `HTTPServer` on 127.0.0.1 with a system-chosen port, stopped when the body returns.
func withLoopbackServer<Result>(
    _ handler: any HTTPHandler,
    bodyLimit: BodyLimit = BodyLimit(),
    tls: TLSIdentity? = nil,
    _ body: (URL) async throws -> Result
) async throws -> Result {
    let server = HTTPServer(
        configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0, bodyLimit: bodyLimit, tls: tls),
        handler: handler
    )
    try server.start()
    let port = try #require(server.port)
    let base = try #require(URL(string: "\(tls == nil ? "http" : "https")://127.0.0.1:\(port)"))
    do {
        let result = try await body(base)
        await server.shutdown()
        return result
    } catch {
        await server.shutdown()
        throw error
    }
}

/// Counts requests per path, for asserting how often a dependency was called.
final class RequestCounter: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    func record(_ path: String) {
        counts.withLock { $0[path, default: 0] += 1 }
    }

    func count(_ path: String) -> Int {
        counts.withLock { $0[path] ?? 0 }
    }
}

/// Open-Meteo's forecast and geocoding APIs answered from the recorded files in
/// `Tests/Fixtures/open-meteo`: Seattle, São Paulo and New York are known, other names are not.
struct RecordedOpenMeteo: HTTPHandler {
    let counter = RequestCounter()

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        counter.record(request.path)
        let file: String
        switch request.path {
        case "/v1/search":
            switch request.query["name"] {
            case "Seattle": file = "geocoding-seattle.json"
            case "São Paulo": file = "geocoding-sao-paulo.json"
            case "New York": file = "geocoding-new-york.json"
            default: file = "geocoding-no-results.json"
            }
        case "/v1/forecast":
            switch request.query["latitude"]?.prefix(4) {
            case "47.6": file = "forecast-seattle.json"
            case "-23.": file = "forecast-sao-paulo.json"
            case "40.7": file = "forecast-new-york.json"
            default: return .jsonError(400, code: "unknown_place", message: "no recording for this place")
            }
        default:
            return .jsonError(404, code: "not_found", message: "not an Open-Meteo path")
        }
        guard let body = try? RepositoryFiles.bytes("Tests/Fixtures/open-meteo/\(file)") else {
            return .jsonError(500, code: "missing_fixture", message: file)
        }
        return .json(200, body)
    }
}

/// Posts JSON and returns the status and the decoded JSON object of the answer.
func postJSON(_ url: URL, body: [UInt8], headers: [String: String] = [:]) async throws -> (Int, [String: Any]) {
    var allHeaders = headers
    allHeaders["Content-Type"] = "application/json"
    let response = try await URLSessionHTTPClient().send(
        OutboundRequest(url: url, method: "POST", headers: allHeaders, body: Data(body), timeout: 10)
    )
    let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:]
    return (response.status, object)
}

/// The spoken text of a response envelope decoded with JSONSerialization.
func spokenText(_ envelope: [String: Any]) -> String? {
    let speech = (envelope["response"] as? [String: Any])?["outputSpeech"] as? [String: Any]
    guard let ssml = speech?["ssml"] as? String ?? speech?["text"] as? String else { return nil }
    return ssml.replacingOccurrences(of: "<speak>", with: "").replacingOccurrences(of: "</speak>", with: "")
        .replacingOccurrences(of: "&apos;", with: "'")
}

/// The card type of a response envelope decoded with JSONSerialization.
func cardType(_ envelope: [String: Any]) -> String? {
    ((envelope["response"] as? [String: Any])?["card"] as? [String: Any])?["type"] as? String
}

/// A shipped sample envelope with an access token put where Alexa carries it.
func sampleEnvelope(_ name: String, token: String?) throws -> [UInt8] {
    let data = try Data(contentsOf: RepositoryFiles.url("interaction-model/samples/\(name).json"))
    guard let token else { return Array(data) }
    var envelope = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    var context = try #require(envelope["context"] as? [String: Any])
    var system = try #require(context["System"] as? [String: Any])
    var user = system["user"] as? [String: Any] ?? [:]
    user["accessToken"] = token
    system["user"] = user
    context["System"] = system
    envelope["context"] = context
    return Array(try JSONSerialization.data(withJSONObject: envelope))
}
