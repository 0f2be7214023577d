import AccessToken
import Foundation
import SkillCrypto
import SkillSupport

/// One full access-token verification (strict parsing, header policy, cached key lookup,
/// RS256 signature, claims and scope checks) against one raw OpenSSL RSA-2048 PKCS#1 v1.5
/// SHA-256 verification of the same signing input, measured in the same run.
/// Target: the full verification costs at most 1.3 times the raw verify.
struct TokenVerificationBenchmark: BenchmarkSuite {
    let name = "token verification"
    static let target = 1.3

    func run() async throws {
        let privateKey = try RSAPrivateKey.generate(bits: 2048)
        let publicKey = try privateKey.publicKey
        let minter = try AccessTokenMinter(privateKey: privateKey)
        let now = Date()
        let token = try minter.mint(
            issuer: "https://issuer.example/",
            audience: "skill-audience",
            subject: "amzn1.account.benchmark",
            scopes: ["read:weather", "profile"],
            lifetime: 3600,
            now: now
        )

        // The key set is fetched once into the same cache the server uses; every verification hits it.
        let source = StaticJWKSSource(document: Array(try PublicJWK.keySetDocument([publicKey]).utf8))
        let cache = JWKSCache(source: source)
        try await cache.refresh()
        let verifier = AccessTokenVerifier(
            policy: AccessTokenPolicy(
                issuer: "https://issuer.example/",
                audience: "skill-audience",
                requireAccessTokenType: true
            ),
            keys: cache
        )

        let parts = token.split(separator: ".")
        guard parts.count == 3, let signature = Base64URL.decode(parts[2]) else {
            throw BenchmarkError(description: "minted token is not a compact JWS")
        }
        let signingInput = Array((parts[0] + "." + parts[1]).utf8)
        guard publicKey.isValidSignature(signature, for: signingInput, digest: .sha256) else {
            throw BenchmarkError(description: "raw verification failed")
        }
        _ = try await verifier.verify(token, requiredScopes: ["read:weather"])

        let required: Set<String> = ["read:weather"]
        let (raw, full, ratio) = try await Benchmark.interleaved(
            iterations: 2000,
            {
                guard publicKey.isValidSignature(signature, for: signingInput, digest: .sha256) else {
                    throw BenchmarkError(description: "raw verification failed")
                }
            },
            { _ = try await verifier.verify(token, requiredScopes: required) }
        )
        // Where the difference goes: the strict parse alone and the cached key lookup alone.
        let parse = try await Benchmark.nanosecondsPerOperation(iterations: 20000) {
            _ = try CompactJWS(parsing: token).claims()
        }
        let lookup = try await Benchmark.nanosecondsPerOperation(iterations: 20000) {
            _ = try await cache.key(for: minter.keyID)
        }
        print("token: \(token.utf8.count) bytes, RSA-2048, cached key")
        print("raw OpenSSL RSA-2048 verify:   \(Benchmark.format(nanoseconds: raw))")
        print("full token verification:       \(Benchmark.format(nanoseconds: full))")
        print("  of which strict parsing:     \(Benchmark.format(nanoseconds: parse))")
        print("  of which cached key lookup:  \(Benchmark.format(nanoseconds: lookup))")
        let verdict = ratio <= Self.target ? "within" : "ABOVE"
        let rounded = (ratio * 100).rounded() / 100
        print("ratio (median of per-round ratios): \(rounded) (\(verdict) the target of \(Self.target))")
    }
}
