import Foundation
import SkillSupport
import Testing

@Suite(
    "expires_in from the RFC 9068 example access token",
    .enabled(if: Vectors.available, "../shared/vectors/oauth is absent: vector tests skipped")
)
struct JWTLifetimeVectorTests {
    /// The example's header and claims as a compact JWT; RFC 9068 publishes no signature.
    private func exampleToken() throws -> String {
        let vector = try #require(
            try JSONSerialization.jsonObject(with: Data(Vectors.bytes("oauth/rfc9068-figure2-jwt-access-token.json")))
                as? [String: Any]
        )
        let header = try JSONSerialization.data(withJSONObject: try #require(vector["header"]))
        let claims = try JSONSerialization.data(withJSONObject: try #require(vector["claims"]))
        return Base64URL.encode(header) + "." + Base64URL.encode(claims) + "." + Base64URL.encode([0])
    }

    static let moments: [(now: TimeInterval, expected: Int)] = [
        (1_618_354_090, 1_639_528_912 - 1_618_354_090),  // at iat: the whole lifetime
        (1_639_528_911.5, 0),  // half a second left rounds down
        (1_639_528_912, 0),  // at exp
        (1_800_000_000, 0),  // long expired: clamped, never negative
    ]

    @Test("the remaining lifetime at several moments", arguments: moments)
    func lifetime(now: TimeInterval, expected: Int) async throws {
        let token = try exampleToken()
        let upstream = UpstreamFake(body: #"{"access_token":"\#(token)","token_type":"Bearer"}"#)
        let harness = try ProxyHarness(upstream: upstream)
        harness.clock.set(Date(timeIntervalSince1970: now))

        let response = await harness.post("grant_type=refresh_token&refresh_token=r")

        #expect(response.status == 200)
        #expect(response.jsonObject?["expires_in"] as? Int == expected)
    }
}
