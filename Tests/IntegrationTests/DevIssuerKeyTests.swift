import AccessToken
import DevIssuer
import Foundation
import SkillCrypto
import Testing

@Suite("DevIssuer key file")
struct DevIssuerKeyTests {
    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dev-issuer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("a missing key file is created as RSA-2048 PEM with mode 0600, then reused with the same kid")
    func createsThenReuses() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("issuer-key.pem").path

        let created = try DevIssuerKey.loadOrCreate(path: path)
        #expect(created.bits == 2048)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let mode = try #require(attributes[.posixPermissions] as? NSNumber).intValue
        #expect(mode & 0o777 == 0o600)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("-----BEGIN PRIVATE KEY-----"))

        let reused = try DevIssuerKey.loadOrCreate(path: path)
        let firstKid = try PublicJWK.thumbprint(of: try created.publicKey)
        let secondKid = try PublicJWK.thumbprint(of: try reused.publicKey)
        #expect(firstKid == secondKid)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    @Test(
        "a file that is not an RSA private key is refused and left untouched",
        arguments: [
            "not a key at all\n",
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
            "",
        ]
    )
    func refusesBadFile(content: String) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("issuer-key.pem").path
        try content.write(toFile: path, atomically: false, encoding: .utf8)

        #expect {
            try DevIssuerKey.loadOrCreate(path: path)
        } throws: { error in
            (error as? DevIssuerError)?.code == .invalidKeyFile
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == content)
    }

    @Test("a public key PEM in place of the private key is refused")
    func refusesPublicKey() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("issuer-key.pem").path
        let publicPEM = try DevIssuerFixture.key().publicKey.pemRepresentation
        try publicPEM.write(toFile: path, atomically: false, encoding: .utf8)

        let error = #expect(throws: DevIssuerError.self) { try DevIssuerKey.loadOrCreate(path: path) }
        #expect(error?.code == .invalidKeyFile)
        #expect(error?.description.contains(path) == true)
    }

    @Test("a key file in a directory that does not exist is a clear error, not a crash")
    func missingDirectory() throws {
        let path = "/nonexistent-\(UUID().uuidString)/issuer-key.pem"
        let error = #expect(throws: DevIssuerError.self) { try DevIssuerKey.loadOrCreate(path: path) }
        #expect(error?.code == .keyFileUnavailable)
    }
}
