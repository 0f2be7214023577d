import Foundation
import SkillSupport
import Testing

/// The README's local loop with the real executable: `dev-issuer` and `serve` as child processes,
/// tokens from `mint-token`, samples posted over HTTP.
@Suite(
    "skill-server processes: dev-issuer, mint-token and serve together",
    .enabled(if: SkillServerProcess.executableAvailable, "build it first: .build/debug/skill-server is absent")
)
struct ProcessEndToEndTests {
    static let audience = "what-should-i-wear"

    /// Runs `skill-server` with `arguments` to completion, on a thread of its own; its standard
    /// output (trimmed) and exit status.
    static func run(_ arguments: [String]) async throws -> (output: String, status: Int32) {
        let outcome = try await E2EProcess.runDetached(E2EPaths.serverExecutable, arguments).get()
        let output = String(decoding: outcome.standardOutput, as: UTF8.self)
        return (output.trimmingCharacters(in: .whitespacesAndNewlines), outcome.status)
    }

    @Test("Linked users get advice; without scope, without token or expired: the link-account answer")
    func localLoop() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("skill-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyFile = directory.appendingPathComponent("issuer-key.pem").path

        let issuer = try await SkillServerProcess(
            command: ["dev-issuer", "--port", "0", "--key", keyFile],
            startedEvent: "dev_issuer.started"
        )
        let server = try await SkillServerProcess(arguments: [
            "--issuer", issuer.rootURL, "--audience", Self.audience, "--skip-request-verification",
            "--weather", RepositoryFiles.url("scripts/conditions.json").path,
        ])

        func mint(_ extra: [String]) async throws -> String {
            let minted = try await Self.run(
                ["mint-token", "--key", keyFile, "--issuer", issuer.rootURL, "--audience", Self.audience] + extra
            )
            #expect(minted.status == 0)
            return minted.output
        }
        let cases: [(token: String?, expected: String, card: String)] = [
            (try await mint(["--scope", "read:weather"]), "raining in Seattle", "Simple"),
            (try await mint(["--scope", "profile"]), "doesn't allow", "LinkAccount"),
            (nil, "link your account", "LinkAccount"),
            (try await mint(["--scope", "read:weather", "--ttl", "-600"]), "link your account", "LinkAccount"),
        ]
        for (token, expected, card) in cases {
            let (status, envelope) = try await postJSON(
                server.alexaURL,
                body: try sampleEnvelope("what-should-i-wear-seattle", token: token)
            )
            #expect(status == 200)
            #expect(spokenText(envelope)?.contains(expected) == true, "expected '\(expected)'")
            #expect(cardType(envelope) == card)
        }

        let verdict = try await Self.run([
            "verify-token", try await mint(["--scope", "read:weather"]), "--issuer", issuer.rootURL,
            "--audience", Self.audience, "--jwks-url", issuer.rootURL + ".well-known/jwks.json",
        ])
        #expect(verdict.status == 0)
        #expect(verdict.output.contains(#""valid":true"#))

        let replayed = try await Self.run([
            "replay", RepositoryFiles.url("interaction-model/samples/what-should-i-wear-seattle.json").path,
            "--token", try await mint(["--scope", "read:weather"]), "--issuer", issuer.rootURL,
            "--audience", Self.audience, "--weather", RepositoryFiles.url("scripts/conditions.json").path,
        ])
        #expect(replayed.status == 0)
        #expect(replayed.output.contains("raining in Seattle"))

        #expect(try await server.stop() == 0)
        #expect(try await issuer.stop() == 0)
        #expect(!server.standardError.contains("eyJ"), "no token in the server's logs")
    }

    @Test("A wrong flag is a one-line error with exit status 2, and --help works for every command")
    func usageErrors() async throws {
        let wrong = try await Self.run(["serve", "--no-such-flag"])
        #expect(wrong.status == 2)
        for command in ["serve", "dev-issuer", "mint-token", "fetch-token", "verify-token", "verify-request", "replay"]
        {
            let help = try await Self.run([command, "--help"])
            #expect(help.status == 0, "\(command) --help")
            #expect(help.output.hasPrefix("usage: skill-server \(command)"))
        }
    }
}

extension ProcessEndToEndTests {
    @Test("A scope requirement for an intent the skill does not handle is refused at start")
    func misspeltIntentScope() async throws {
        let started = try await Self.run([
            "serve", "--port", "0", "--issuer", "http://127.0.0.1:9/", "--audience", Self.audience,
            "--skip-request-verification", "--weather", RepositoryFiles.url("scripts/conditions.json").path,
            "--intent-scope", "WhatShouldIWearIntnt=read:weather",
        ])
        #expect(started.status == 2)
    }
}
