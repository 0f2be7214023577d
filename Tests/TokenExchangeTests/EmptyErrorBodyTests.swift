import Foundation
import HTTPServer
import SkillSupport
import Testing

/// A provider's error can reach the proxy without a body: URLSession on Linux hands over a 401
/// challenge with status and headers only. Alexa must still get an OAuth error.
@Suite("Upstream errors without a body")
struct EmptyErrorBodyTests {
    @Test(
        "The status is kept and the error code it implies is written for it",
        arguments: [(401, "invalid_client"), (400, "invalid_request"), (503, "server_error")]
    )
    func impliedError(status: Int, code: String) async throws {
        let upstream = UpstreamFake(
            status: status,
            body: "",
            headers: ["WWW-Authenticate": #"Basic realm="idp""#]
        )
        let harness = try ProxyHarness(upstream: upstream)
        let response = await harness.post(
            "grant_type=client_credentials",
            authorization: "Basic " + Data("alexa:secret".utf8).base64EncodedString()
        )

        #expect(response.status == status)
        #expect(response.oauthError == code)
        #expect(response.headers["WWW-Authenticate"] == #"Basic realm="idp""#)
        #expect(response.headers["Cache-Control"] == "no-store")
        #expect(response.headers["Content-Type"]?.hasPrefix("application/json") == true)
    }
}
