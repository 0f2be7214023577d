import AccessToken
import Foundation
import SkillSupport
import Testing

/// Tokens minted by an independent implementation (PyJWT with `cryptography`, versions pinned
/// in `Tests/requirements.txt`) must verify; its hostile tokens must not.
enum PyJWT {
    /// Whether `python3` can import both packages.
    static let available: Bool = (try? run(["-c", "import jwt, cryptography"]).status) == 0

    static let skipMessage = "python3 with PyJWT and cryptography not installed (pip install -r Tests/requirements.txt)"

    /// Mints a key pair and a set of tokens at `now`; prints one JSON object.
    static let script = #"""
        import base64, hashlib, hmac, json, sys
        import jwt
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        now = int(sys.argv[1])
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        public = key.public_key()
        numbers = public.public_numbers()

        def b64(data):
            return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

        def uint(value):
            return value.to_bytes((value.bit_length() + 7) // 8, "big")

        jwk = {"kty": "RSA", "use": "sig", "alg": "RS256", "kid": "pyjwt",
               "n": b64(uint(numbers.n)), "e": b64(uint(numbers.e))}
        claims = {"iss": "https://issuer.example/", "aud": "skill-audience", "sub": "py-user",
                  "iat": now - 10, "nbf": now - 10, "exp": now + 600, "scope": "read:weather profile"}
        headers = {"kid": "pyjwt", "typ": "at+jwt"}
        pem = public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)

        def hs256(secret):
            header = b64(json.dumps({"alg": "HS256", "kid": "pyjwt", "typ": "JWT"}).encode())
            payload = b64(json.dumps(claims).encode())
            signing_input = (header + "." + payload).encode()
            return header + "." + payload + "." + b64(hmac.new(secret, signing_input, hashlib.sha256).digest())

        tokens = {
            "valid": jwt.encode(claims, key, algorithm="RS256", headers=headers),
            "valid_audience_array": jwt.encode(dict(claims, aud=["other", "skill-audience"]), key, algorithm="RS256",
                                               headers=headers),
            "expired": jwt.encode(dict(claims, exp=now - 3600, iat=now - 7200, nbf=now - 7200), key, algorithm="RS256",
                                  headers=headers),
            "wrong_audience": jwt.encode(dict(claims, aud="someone-else"), key, algorithm="RS256", headers=headers),
            "rs512": jwt.encode(claims, key, algorithm="RS512", headers=headers),
            "ps256": jwt.encode(claims, key, algorithm="PS256", headers=headers),
            "none": jwt.encode(claims, None, algorithm="none", headers=headers),
            "hs256_pem": hs256(pem),
        }
        print(json.dumps({"jwks": {"keys": [jwk]}, "tokens": tokens, "versions": [jwt.__version__]}))
        """#

    struct Output {
        var status: Int32
        var stdout: Data
    }

    static func run(_ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: data)
    }
}

@Suite(.enabled(if: PyJWT.available, Comment(rawValue: PyJWT.skipMessage)))
struct PyJWTTests {
    struct Minted: Decodable {
        var tokens: [String: String]
    }

    @Test func tokensFromPyJWTVerifyAndItsHostileTokensDoNot() async throws {
        let now = TokenFactory.now
        let output = try PyJWT.run(["-c", PyJWT.script, String(Int(now))])
        try #require(output.status == 0, "the PyJWT helper failed")
        let document = try #require(try StrictJSON.parse(Array(output.stdout)).objectValue)
        let jwks = try #require(document["jwks"])
        let minted = try JSONDecoder().decode(Minted.self, from: output.stdout)

        let keys = try JSONWebKeySet(parsing: Array(JSONText.serialize(jwks).utf8))
        let verifier = AccessTokenVerifier(
            policy: AccessTokenPolicy(
                issuer: TokenFactory.issuer,
                audience: TokenFactory.audience,
                requireAccessTokenType: true
            ),
            keys: StaticKeyProvider(keySet: keys),
            clock: ManualWallClock(epochSeconds: now)
        )
        let expected: [String: AccessTokenError.Code?] = [
            "valid": nil,
            "valid_audience_array": nil,
            "expired": .expired,
            "wrong_audience": .audienceMismatch,
            "rs512": .algNotAllowed,
            "ps256": .algNotAllowed,
            "none": .algNotAllowed,
            "hs256_pem": .algNotAllowed,
        ]
        #expect(Set(minted.tokens.keys) == Set(expected.keys))
        for (name, token) in minted.tokens {
            guard let want = expected[name] else { continue }
            let got = await rejection(verifier, token, scopes: ["read:weather"])
            #expect(got == want, "\(name)")
        }

        let verified = try await verifier.verify(try #require(minted.tokens["valid"]))
        #expect(verified.subject == "py-user")
        #expect(verified.scopes == ["read:weather", "profile"])
        #expect(verified.keyID == "pyjwt")
    }
}
