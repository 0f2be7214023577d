import AccessToken
import DevIssuer
import Foundation
import HTTPServer
import SkillCrypto
import SkillSupport
import Testing

@Suite("DevIssuer token endpoint: client authentication and request checks")
struct DevIssuerClientAuthTests {
    /// A client whose id and secret hold characters that form-urlencoding must escape.
    static let reserved = RegisteredClient(
        id: "skill client:1",
        secret: "p+ss/w:rd%20= x",
        redirectURIs: [DevIssuerFixture.callback],
        scopes: ["read:weather", "profile"]
    )

    private func service(logger: Logger = .disabled) throws -> DevIssuerService {
        try DevIssuerFixture.service(clients: [.development, Self.reserved], logger: logger)
    }

    @Test("Basic and body credentials with reserved characters both authenticate")
    func reservedCharacters() async throws {
        let service = try service()
        let basic = await service.handle(
            DevIssuerFixture.tokenRequest(
                [("grant_type", "client_credentials")],
                authorization: DevIssuerFixture.basic(Self.reserved.id, Self.reserved.secret)
            )
        )
        #expect(basic.status == 200)
        let token = try #require(try DevIssuerFixture.json(basic)["access_token"]?.stringValue)
        #expect(try DevIssuerFixture.claims(token)["sub"] == .string(Self.reserved.id))
        #expect(try DevIssuerFixture.json(basic)["scope"] == "read:weather profile")

        let body = await service.handle(
            DevIssuerFixture.tokenRequest([
                ("grant_type", "client_credentials"), ("client_id", Self.reserved.id),
                ("client_secret", Self.reserved.secret),
            ])
        )
        #expect(body.status == 200)
    }

    @Test("an unencoded + in Basic credentials is a space, as form-urlencoding defines")
    func plusInBasic() async throws {
        let spaced = RegisteredClient(id: "c", secret: "a b", redirectURIs: [], scopes: ["x"])
        let service = try DevIssuerFixture.service(clients: [spaced])
        let raw = "Basic " + Data("c:a+b".utf8).base64EncodedString()
        let response = await service.handle(
            DevIssuerFixture.tokenRequest(
                [("grant_type", "client_credentials")],
                authorization: raw
            )
        )
        #expect(response.status == 200)
    }

    @Test("wrong or missing credentials are 401 invalid_client with a Basic challenge")
    func wrongSecret() async throws {
        let service = try service()
        let requests = [
            DevIssuerFixture.tokenRequest(
                [("grant_type", "client_credentials")],
                authorization: DevIssuerFixture.basic("alexa-skill", "nope")
            ),
            DevIssuerFixture.tokenRequest([
                ("grant_type", "client_credentials"), ("client_id", "alexa-skill"), ("client_secret", "dev-secreT"),
            ]),
            DevIssuerFixture.tokenRequest([("grant_type", "client_credentials"), ("client_id", "alexa-skill")]),
            DevIssuerFixture.tokenRequest(
                [("grant_type", "client_credentials")],
                authorization: DevIssuerFixture.basic("nobody", "dev-secret")
            ),
            DevIssuerFixture.tokenRequest([("grant_type", "client_credentials")]),
            DevIssuerFixture.tokenRequest([("grant_type", "client_credentials")], authorization: "Basic !!!"),
            DevIssuerFixture.tokenRequest([("grant_type", "client_credentials")], authorization: "Bearer abc"),
        ]
        for request in requests {
            let response = await service.handle(request)
            #expect(response.status == 401)
            #expect(response.headers["WWW-Authenticate"]?.hasPrefix("Basic") == true)
            #expect(try DevIssuerFixture.json(response)["error"] == "invalid_client")
        }
    }

    @Test("credentials in both the header and the body are invalid_request")
    func bothMethods() async throws {
        let service = try service()
        let response = await service.handle(
            DevIssuerFixture.tokenRequest(
                [("grant_type", "client_credentials"), ("client_id", "alexa-skill"), ("client_secret", "dev-secret")],
                authorization: DevIssuerFixture.basic("alexa-skill", "dev-secret")
            )
        )
        #expect(response.status == 400)
        #expect(try DevIssuerFixture.json(response)["error"] == "invalid_request")
    }

    @Test(
        "request checks",
        arguments: [
            ("unknown grant", [("grant_type", "password")], "unsupported_grant_type"),
            ("no grant", [("scope", "read:weather")], "invalid_request"),
            (
                "scope too wide", [("grant_type", "client_credentials"), ("scope", "read:weather admin")],
                "invalid_scope"
            ),
            (
                "bad scope token", [("grant_type", "client_credentials"), ("scope", "read:weather  profile")],
                "invalid_scope"
            ),
            ("other audience", [("grant_type", "client_credentials"), ("audience", "elsewhere")], "invalid_request"),
            (
                "repeated parameter", [("grant_type", "client_credentials"), ("grant_type", "client_credentials")],
                "invalid_request"
            ),
            ("code missing", [("grant_type", "authorization_code")], "invalid_request"),
            ("refresh token missing", [("grant_type", "refresh_token")], "invalid_request"),
        ]
    )
    func requestChecks(name: String, pairs: [(String, String)], error: String) async throws {
        let service = try service()
        let response = await service.handle(DevIssuerFixture.devClientRequest(pairs))
        #expect(response.status == 400, "\(name)")
        #expect(try DevIssuerFixture.json(response)["error"] == .string(error), "\(name)")
        #expect(response.headers["Cache-Control"] == "no-store")
    }

    @Test("the configured audience may be named; the default grant is every allowed scope")
    func audienceAndDefaultScope() async throws {
        let service = try service()
        let response = await service.handle(
            DevIssuerFixture.devClientRequest([
                ("grant_type", "client_credentials"), ("audience", DevIssuerFixture.audience),
            ])
        )
        let fields = try DevIssuerFixture.json(response)
        #expect(fields["scope"] == "read:weather openid profile")
        let token = try #require(fields["access_token"]?.stringValue)
        #expect(try DevIssuerFixture.claims(token)["aud"] == .string(DevIssuerFixture.audience))
    }

    @Test("a body that is not form-urlencoded is invalid_request; the media type is case-insensitive")
    func contentTypes() async throws {
        let service = try service()
        var request = DevIssuerFixture.devClientRequest([("grant_type", "client_credentials")])
        request.headers.set("Content-Type", "application/json")
        #expect(try DevIssuerFixture.json(await service.handle(request))["error"] == "invalid_request")
        request.headers.set("Content-Type", "Application/X-WWW-Form-URLEncoded; charset=UTF-8")
        #expect(await service.handle(request).status == 200)
        request.body = Array("grant_type=client_credentials&scope=%zz".utf8)
        #expect(try DevIssuerFixture.json(await service.handle(request))["error"] == "invalid_request")
    }

    @Test("no secret, code or token reaches the logs")
    func nothingSecretLogged() async throws {
        let sink = InMemoryLogSink()
        let service = try service(logger: Logger(label: "test", minimumLevel: .trace, sink: sink))
        let approval = await service.handle(DevIssuerFixture.codeRequest())
        let code = try #require(try DevIssuerFixture.redirectParameters(approval)["code"])
        let tokens = try DevIssuerFixture.json(
            await service.handle(
                DevIssuerFixture.devClientRequest([
                    ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", DevIssuerFixture.callback),
                ])
            )
        )
        _ = await service.handle(
            DevIssuerFixture.tokenRequest(
                [("grant_type", "client_credentials")],
                authorization: DevIssuerFixture.basic("alexa-skill", "wrong-pw")
            )
        )

        let text = sink.text
        #expect(sink.records.count >= 3)
        for secret in ["dev-secret", "wrong-pw", code]
            + [tokens["access_token"], tokens["refresh_token"]]
            .compactMap({ $0?.stringValue })
        {
            #expect(!text.contains(secret))
        }
    }

    @Test("clients load from a JSON file; bad files are refused with a reason and no secret")
    func clientsFile() throws {
        let good = """
            [{"client_id": "alexa", "client_secret": "s3cret",
              "redirect_uris": ["https://pitangui.amazon.com/api/skill/link/M2AAAAAAAAAAAA"],
              "scopes": ["read:weather"]}]
            """
        let clients = try ClientsFile.parse(Array(good.utf8))
        #expect(
            clients == [
                RegisteredClient(
                    id: "alexa",
                    secret: "s3cret",
                    redirectURIs: ["https://pitangui.amazon.com/api/skill/link/M2AAAAAAAAAAAA"],
                    scopes: ["read:weather"]
                )
            ]
        )

        let bad = [
            "{}",
            "[]",
            #"[{"client_id": "a", "client_secret": "hidden-value", "redirect_uris": [], "scopes": [1]}]"#,
            #"[{"client_id": "a", "client_secret": "hidden-value", "redirect_uris": ["/relative"], "scopes": []}]"#,
            #"[{"client_id": "a", "client_secret": "hidden-value", "redirect_uris": [], "scopes": ["a b"]}]"#,
            #"[{"client_id": "a", "client_secret": "", "redirect_uris": [], "scopes": []}]"#,
            #"[{"client_id": "a", "client_secret": "x", "redirect_uris": [], "scopes": []},"#
                + #"{"client_id": "a", "client_secret": "y", "redirect_uris": [], "scopes": []}]"#,
        ]
        for document in bad {
            let error = #expect(throws: DevIssuerError.self) { try ClientsFile.parse(Array(document.utf8)) }
            #expect(error?.code == .invalidClients)
            #expect(error?.detail.contains("hidden-value") == false)
        }

        let missing = #expect(throws: DevIssuerError.self) { try ClientsFile.load(path: "/nonexistent/clients.json") }
        #expect(missing?.code == .clientsFileUnavailable)
    }
}
