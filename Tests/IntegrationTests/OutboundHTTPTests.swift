import Foundation
import HTTPServer
import SkillSupport
import Testing

/// `URLSessionHTTPClient` against real loopback servers, where FoundationNetworking's own
/// behaviour decides the outcome.
@Suite("Outbound HTTP through URLSession on loopback")
struct OutboundHTTPTests {
    static let challengeBody = Array(#"{"error":"invalid_client"}"#.utf8)

    static let handler = ClosureHTTPHandler { request in
        switch request.path {
        case "/challenge":
            var response = HTTPResponse.json(401, challengeBody)
            response.headers.set("WWW-Authenticate", #"Basic realm="test""#)
            return response
        case "/plain-401":
            return .json(401, challengeBody)
        case "/agent":
            return .text(200, request.headers["User-Agent"] ?? "")
        default:
            return .json(200, Array("{}".utf8))
        }
    }

    @Test("A 401 with a WWW-Authenticate challenge comes back at once, with status and challenge")
    func challengeIsAnAnswer() async throws {
        try await withLoopbackServer(Self.handler) { base in
            let response = try await URLSessionHTTPClient().send(
                OutboundRequest(url: base.appendingPathComponent("challenge"), timeout: 5)
            )
            #expect(response.status == 401)
            #expect(response.header("WWW-Authenticate") == #"Basic realm="test""#)
        }
    }

    @Test("A 401 without a challenge keeps its body")
    func plainUnauthorizedKeepsItsBody() async throws {
        try await withLoopbackServer(Self.handler) { base in
            let response = try await URLSessionHTTPClient().send(
                OutboundRequest(url: base.appendingPathComponent("plain-401"), timeout: 5)
            )
            #expect(response.status == 401)
            #expect(Array(response.body) == Self.challengeBody)
        }
    }

    @Test("Requests name this project, not the HTTP library underneath")
    func userAgent() async throws {
        try await withLoopbackServer(Self.handler) { base in
            let response = try await URLSessionHTTPClient().send(
                OutboundRequest(url: base.appendingPathComponent("agent"), timeout: 5)
            )
            #expect(String(decoding: response.body, as: UTF8.self) == URLSessionHTTPClient.userAgent)
        }
    }
}
