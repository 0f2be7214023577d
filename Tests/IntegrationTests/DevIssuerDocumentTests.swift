import AccessToken
import DevIssuer
import Foundation
import HTTPServer
import SkillCrypto
import SkillSupport
import Testing

@Suite("DevIssuer key set and discovery")
struct DevIssuerDocumentTests {
    @Test("the key set publishes the signing key under its RFC 7638 thumbprint")
    func keySet() async throws {
        let service = try DevIssuerFixture.service()
        let response = await service.handle(HTTPRequest(method: "GET", path: "/.well-known/jwks.json"))
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(response.headers["Cache-Control"]?.contains("max-age=300") == true)

        let document = try DevIssuerFixture.json(response)
        let keys = try #require(document["keys"]?.arrayValue)
        #expect(keys.count == 1)
        let key = try #require(keys.first)
        let thumbprint = try PublicJWK.thumbprint(of: try DevIssuerFixture.key().publicKey)
        #expect(key["kid"]?.stringValue == thumbprint)
        #expect(service.keyID == thumbprint)
        #expect(key["kty"] == "RSA")
        #expect(key["alg"] == "RS256")
        #expect(key["use"] == "sig")
        #expect(key["d"] == nil)
    }

    @Test("the discovery document names the issuer, its endpoints and what it supports")
    func discovery() async throws {
        let service = try DevIssuerFixture.service()
        let response = await service.handle(HTTPRequest(method: "GET", path: "/.well-known/openid-configuration"))
        #expect(response.status == 200)
        let document = try DevIssuerFixture.json(response)

        #expect(document["issuer"] == "http://127.0.0.1:9411/")
        #expect(document["jwks_uri"] == "http://127.0.0.1:9411/.well-known/jwks.json")
        #expect(document["token_endpoint"] == "http://127.0.0.1:9411/oauth/token")
        #expect(document["authorization_endpoint"] == "http://127.0.0.1:9411/authorize")
        #expect(document["response_types_supported"] == ["code"])
        #expect(document["code_challenge_methods_supported"] == ["S256"])
        #expect(document["id_token_signing_alg_values_supported"] == ["RS256"])
        #expect(document["token_endpoint_auth_methods_supported"] == ["client_secret_basic", "client_secret_post"])
        let grants = Set(try #require(document["grant_types_supported"]?.arrayValue).compactMap(\.stringValue))
        #expect(grants == ["authorization_code", "refresh_token", "client_credentials"])
        let scopes = Set(try #require(document["scopes_supported"]?.arrayValue).compactMap(\.stringValue))
        #expect(scopes == ["read:weather", "openid", "profile"])
    }

    @Test("unknown paths get 404 and wrong methods 405 with Allow")
    func routing() async throws {
        let service = try DevIssuerFixture.service()
        #expect(await service.handle(HTTPRequest(method: "GET", path: "/nothing")).status == 404)
        let post = await service.handle(HTTPRequest(method: "POST", path: "/.well-known/jwks.json"))
        #expect(post.status == 405)
        #expect(post.headers["Allow"] == "GET, HEAD")
        let getToken = await service.handle(HTTPRequest(method: "GET", path: "/oauth/token"))
        #expect(getToken.status == 405)
        #expect(getToken.headers["Allow"] == "POST")
    }

    @Test("without an issuer or a port the configuration is refused")
    func issuerRequired() throws {
        let configuration = DevIssuerConfiguration(audience: "a", signingKey: try DevIssuerFixture.key())
        let error = #expect(throws: DevIssuerError.self) { try DevIssuerService(configuration: configuration) }
        #expect(error?.code == .invalidConfiguration)
        let derived = try DevIssuerService(configuration: configuration, port: 8123)
        #expect(derived.issuer == "http://127.0.0.1:8123/")
    }

    @Test("over loopback HTTP, a client-credentials token verifies against the served key set")
    func clientCredentialsTokenVerifiesOverHTTP() async throws {
        let configuration = DevIssuerConfiguration(
            audience: DevIssuerFixture.audience,
            signingKey: try DevIssuerFixture.key()
        )
        let server = try DevIssuerServer.start(configuration: configuration, port: 0)
        defer { server.stop() }
        #expect(server.issuer == "http://127.0.0.1:\(server.port)/")

        let client = URLSessionHTTPClient()
        let tokenURL = try #require(URL(string: "http://127.0.0.1:\(server.port)/oauth/token"))
        let body = DevIssuerFixture.form([("grant_type", "client_credentials"), ("scope", "read:weather")])
        let response = try await client.send(
            OutboundRequest(
                url: tokenURL,
                method: "POST",
                headers: [
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Authorization": DevIssuerFixture.basic("alexa-skill", "dev-secret"),
                ],
                body: Data(body.utf8),
                timeout: 10
            )
        )
        #expect(response.status == 200)
        #expect(response.header("Cache-Control") == "no-store")
        #expect(response.header("Pragma") == "no-cache")
        let fields = try StrictJSON.parseObject(Array(response.body))
        #expect(fields["token_type"] == "Bearer")
        #expect(fields["expires_in"] == 3600)
        #expect(fields["scope"] == "read:weather")
        #expect(fields["refresh_token"] == nil)
        let token = try #require(fields["access_token"]?.stringValue)

        let jwksURL = try #require(URLJWKSSource.defaultURL(forIssuer: server.issuer))
        let verifier = AccessTokenVerifier(
            policy: AccessTokenPolicy(issuer: server.issuer, audience: DevIssuerFixture.audience),
            keys: JWKSCache(source: URLJWKSSource(url: jwksURL, client: client, timeout: 10))
        )
        let verified = try await verifier.verify(token, requiredScopes: ["read:weather"])
        #expect(verified.subject == "alexa-skill")
        #expect(verified.keyID == server.service.keyID)
        #expect(verified.claims["client_id"] == "alexa-skill")
        #expect(verified.claims["jti"]?.stringValue?.isEmpty == false)
        #expect(verified.claims["iat"] == verified.claims["nbf"])
    }
}
