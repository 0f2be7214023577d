import Foundation
import SkillCrypto
import SkillSupport

/// The parsed flags of `skill-server verify-request`.
public struct VerifyRequestOptions: Sendable {
    /// `--body FILE`: the raw request body.
    public var bodyFile: String
    /// `--cert-url URL`: the `SignatureCertChainUrl` value.
    public var certURL: String
    /// `--signature-256 B64`.
    public var signature256: String?
    /// `--signature B64` (legacy SHA-1; needs `allowSHA1`).
    public var signature: String?
    /// `--allow-sha1`.
    public var allowSHA1: Bool
    /// `--chain-file PEM`: stands in for the download of the certificate URL.
    public var chainFile: String?
    /// `--ca-file PEM`: replaces the system trust store.
    public var caFile: String?
    /// `--now ISO8601`: the time to verify at (default: the system clock).
    public var now: String?
    /// `--skill-id ID`, any number of times; none skips the skill-id check.
    public var skillIDs: [String]

    public init(
        bodyFile: String,
        certURL: String,
        signature256: String? = nil,
        signature: String? = nil,
        allowSHA1: Bool = false,
        chainFile: String? = nil,
        caFile: String? = nil,
        now: String? = nil,
        skillIDs: [String] = []
    ) {
        self.bodyFile = bodyFile
        self.certURL = certURL
        self.signature256 = signature256
        self.signature = signature
        self.allowSHA1 = allowSHA1
        self.chainFile = chainFile
        self.caFile = caFile
        self.now = now
        self.skillIDs = skillIDs
    }
}

/// What `verify-request` prints and returns.
public struct VerifyRequestOutcome: Sendable, Equatable {
    /// One JSON object for standard output (`{"valid":true,"reason":null}` or
    /// `{"valid":false,"reason":"<code>"}`), without a line break; empty on a usage error.
    public var standardOutput: String
    /// A message for standard error on a usage error; empty otherwise.
    public var standardError: String
    /// 0 valid, 1 not valid, 2 usage error.
    public var exitStatus: Int32

    public init(standardOutput: String, standardError: String, exitStatus: Int32) {
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.exitStatus = exitStatus
    }

    /// The exit status of a valid request.
    public static let validStatus: Int32 = 0
    /// The exit status of a request that failed a check.
    public static let invalidStatus: Int32 = 1
    /// The exit status of a usage error.
    public static let usageStatus: Int32 = 2
}

/// `skill-server verify-request`: the server's checks, offline, on one request.
public enum VerifyRequestCommand {
    /// Runs the same checks as the server. Without `chainFile` the chain is downloaded with
    /// `httpClient`; the logger receives the rejection line as in the server.
    public static func run(
        _ options: VerifyRequestOptions,
        httpClient: any HTTPClient = URLSessionHTTPClient(),
        logger: Logger = .disabled
    ) async -> VerifyRequestOutcome {
        let setup: Setup
        switch Setup.make(options, httpClient: httpClient, logger: logger) {
        case .failure(let usage):
            return VerifyRequestOutcome(standardOutput: "", standardError: usage.message, exitStatus: 2)
        case .success(let made): setup = made
        }

        do {
            _ = try await setup.verifier.verify(body: setup.body, headers: setup.headers)
            return VerifyRequestOutcome(
                standardOutput: #"{"valid":true,"reason":null}"#,
                standardError: "",
                exitStatus: 0
            )
        } catch {
            let line = #"{"valid":false,"reason":"\#(error.code.rawValue)"}"#
            return VerifyRequestOutcome(standardOutput: line, standardError: "", exitStatus: 1)
        }
    }

    private struct UsageError: Error {
        var message: String
    }

    private struct Setup {
        var verifier: AlexaRequestVerifier
        var body: [UInt8]
        var headers: RequestHeaderList

        static func make(
            _ options: VerifyRequestOptions,
            httpClient: any HTTPClient,
            logger: Logger
        ) -> Result<Setup, UsageError> {
            func usage(_ message: String) -> Result<Setup, UsageError> { .failure(UsageError(message: message)) }

            var headers = RequestHeaderList([(AlexaHeaderName.certificateChainURL, options.certURL)])
            switch (options.signature256, options.signature) {
            case (let sha256?, nil):
                headers.fields.append((AlexaHeaderName.signature256, sha256))
            case (nil, let sha1?):
                guard options.allowSHA1 else { return usage("--signature (SHA-1) requires --allow-sha1") }
                headers.fields.append((AlexaHeaderName.legacySignature, sha1))
            default:
                return usage("give exactly one of --signature-256 and --signature")
            }

            guard let body = FileManager.default.contents(atPath: options.bodyFile) else {
                return usage("cannot read --body \(options.bodyFile)")
            }

            let clock: any WallClock
            if let now = options.now {
                guard let date = RequestEnvelopeFacts.parseTimestamp(now) else {
                    return usage("--now is not an ISO 8601 date-time")
                }
                clock = ManualWallClock(date)
            } else {
                clock = SystemWallClock()
            }

            let trustStore: TrustStore
            do {
                trustStore =
                    try options.caFile.map { path throws(CryptoError) in try TrustStore.caFile(path) }
                    ?? TrustStore.systemDefault()
            } catch {
                return usage("trust store unusable: \(error)")
            }

            let provider: any CertificateChainProvider
            if let chainFile = options.chainFile {
                guard let pem = FileManager.default.contents(atPath: chainFile) else {
                    return usage("cannot read --chain-file \(chainFile)")
                }
                provider = FixedCertificateChainProvider(pem: Array(pem))
            } else {
                provider = CertificateChainCache(httpClient: httpClient, maxEntries: 1, clock: clock, logger: logger)
            }

            let policy = RequestVerificationPolicy(
                allowedSkillIDs: options.skillIDs.isEmpty ? nil : Set(options.skillIDs),
                allowSHA1Signature: options.allowSHA1
            )
            let verifier = AlexaRequestVerifier(
                policy: policy,
                chainProvider: provider,
                trustStore: trustStore,
                clock: clock,
                logger: logger
            )
            return .success(Setup(verifier: verifier, body: Array(body), headers: headers))
        }
    }
}
