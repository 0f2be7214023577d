import Foundation
import HTTPServer
import SkillServer
import SkillSupport
import Synchronization

/// The real server assembly (`SkillServerApp` behind `HTTPServer`, as `serve` builds it) on a
/// loopback port, with request verification on, the test root as its only trusted CA, chains
/// fetched from an `E2EChainServer` and offline weather from `scripts/conditions.json`.
final class E2ESkillServer: Sendable {
    static let skillID = "amzn1.ask.skill.00000000-e2e0-4000-8000-000000000004"

    let chainServer: E2EChainServer
    let logs = InMemoryLogSink()
    private let server: HTTPServer
    private let clock: ManualWallClock
    private let recorder: HeaderRecorder
    private let client = URLSessionHTTPClient()

    /// Starts both servers; stop them with `stop()`.
    init(pki: E2EPKI, curl: String) throws {
        chainServer = try E2EChainServer(pki: pki)

        // Requests here carry no access token, so the JWKS is never fetched (port 9 is discard).
        guard let jwksURL = URL(string: "http://127.0.0.1:9/.well-known/jwks.json") else {
            throw E2EError("JWKS URL")
        }
        var configuration = ServeConfiguration(
            issuer: "https://issuer.e2e.invalid/",
            audience: "e2e-skill",
            jwksURL: jwksURL,
            skill: SkillSettings(weather: .conditionsFile(path: E2EPaths.conditionsFile), scopeRequirements: [:])
        )
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.skillIDs = [Self.skillID]
        configuration.verification = .required(RequestVerificationSettings(caFile: pki.rootFile))

        // The server's clock stands still at a whole second, so timestamp boundaries (140 s, 151 s)
        // are exact however long a loaded machine takes to deliver the request.
        clock = ManualWallClock(epochSeconds: Date().timeIntervalSince1970.rounded(.down))
        let app = try SkillServerApp(
            configuration: configuration,
            dependencies: SkillServerApp.Dependencies(
                certificateClient: E2ECurlHTTPClient(
                    curl: curl,
                    caFile: pki.rootFile,
                    loopbackPort: chainServer.port
                ),
                clock: clock,
                logger: Logger(label: "e2e", minimumLevel: .debug, sink: logs)
            )
        )

        // The wrapper only records the header fields that arrived, to prove that a test sent
        // what it meant to (an empty `Signature-256`, say); the answer is the app's own.
        let recorder = HeaderRecorder()
        self.recorder = recorder
        server = HTTPServer(
            configuration: HTTPServerConfiguration(host: "127.0.0.1", port: 0, bodyLimit: app.bodyLimit),
            handler: RecordingHandler(inner: app.httpHandler, recorder: recorder)
        )
        try server.start()
    }

    var alexaURL: URL {
        URL(string: "http://127.0.0.1:\(server.port ?? 0)/alexa") ?? URL(fileURLWithPath: "/")
    }

    /// The server's idea of now.
    var now: Date { clock.now() }

    /// Posts `body` with the given Alexa headers, as Alexa would.
    func post(_ body: [UInt8], headers: [String: String]) async throws -> E2EResponse {
        var fields = headers
        fields["Content-Type"] = "application/json; charset=utf-8"
        let response = try await client.send(
            OutboundRequest(url: alexaURL, method: "POST", headers: fields, body: Data(body), timeout: 10)
        )
        return E2EResponse(status: response.status, body: String(decoding: response.body, as: UTF8.self))
    }

    /// Every value of `name` in each request that reached the handler, oldest first.
    func receivedValues(_ name: String) -> [[String]] {
        recorder.headers.withLock { $0.map { $0.values(name) } }
    }

    /// Whether the skill's router dispatched the request with this id (it logs each dispatch).
    func dispatched(requestID: String) -> Bool {
        logs.records.contains { $0.event == "alexa.request.dispatch" && $0.metadata["alexa.request.id"] == requestID }
    }

    /// The reason codes the verifier logged for refused requests, in order.
    var refusalReasons: [String] {
        logs.records.filter { $0.event == "alexa.request.rejected" }.compactMap { $0.metadata["alexa.reason"] }
    }

    func stop() async {
        await server.shutdown()
        await chainServer.stop()
    }
}

/// What the skill server answered.
struct E2EResponse {
    var status: Int
    var body: String

    /// The `reason` member of a refusal body, or nil when the body has none.
    var reason: String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else {
            return nil
        }
        return object["reason"] as? String
    }
}

/// The header fields of every request that reached the app, oldest first.
private final class HeaderRecorder: Sendable {
    let headers = Mutex<[HTTPHeaders]>([])
}

/// Passes every request to the app's handler after noting its header fields.
private struct RecordingHandler: HTTPHandler {
    let inner: any HTTPHandler
    let recorder: HeaderRecorder

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        recorder.headers.withLock { $0.append(request.headers) }
        return await inner.handle(request)
    }
}

/// Files of the repository the tests read, found from this file's location.
enum E2EPaths {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // IntegrationTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    static var conditionsFile: String { packageRoot.appendingPathComponent("scripts/conditions.json").path }

    static func sample(_ name: String) -> URL {
        packageRoot.appendingPathComponent("interaction-model/samples/\(name)")
    }

    static var serverExecutable: String { packageRoot.appendingPathComponent(".build/debug/skill-server").path }
}
