import Foundation
import SkillCrypto
import SkillSupport

/// What a verified request told the verifier.
public struct VerifiedAlexaRequest: Sendable, Equatable {
    public var requestType: String
    public var timestamp: Date
    /// The skill id the request was addressed to; nil only when the policy skips that check.
    public var applicationID: String?
    /// False for requests without `session` (AudioPlayer, PlaybackController, skill events).
    public var hasSession: Bool

    public init(requestType: String, timestamp: Date, applicationID: String?, hasSession: Bool) {
        self.requestType = requestType
        self.timestamp = timestamp
        self.applicationID = applicationID
        self.hasSession = hasSession
    }
}

/// Proves that a request was sent by Alexa, on the raw body bytes and header values, in the
/// order Amazon prescribes ("Host a custom skill as a web service", verifying requests), except
/// that a missing signature header is noticed before the chain download it would waste:
///
/// 1. body size cap, before anything is parsed or hashed;
/// 2. `SignatureCertChainUrl` rules, before any network traffic;
/// 3. the signature header is present (no download for a request that cannot pass);
/// 4. the certificate chain: obtained through the provider, then leaf dates, leaf SAN and the
///    path to a trusted root, checked on every use;
/// 5. RSA PKCS#1 v1.5 over the exact body bytes: SHA-256 from `Signature-256`, or SHA-1 from
///    `Signature` only when `Signature-256` is absent and the policy allows it;
/// 6. `request.timestamp` within the tolerance (skill events may be older);
/// 7. the skill id.
///
/// A header given more than once is refused (`cert_url_invalid` for the URL, `signature_invalid`
/// for a signature): a proxy or attacker duplicating it makes the request ambiguous.
/// Every rejection is logged once (`alexa.request.rejected`, `alexa.reason`), never with the signature.
public struct AlexaRequestVerifier: Sendable {
    public let policy: RequestVerificationPolicy
    private let chainProvider: any CertificateChainProvider
    private let validator: CertificateChainValidator
    private let clock: any WallClock
    private let logger: Logger

    public init(
        policy: RequestVerificationPolicy,
        chainProvider: any CertificateChainProvider,
        trustStore: TrustStore,
        clock: any WallClock = SystemWallClock(),
        logger: Logger = .disabled
    ) {
        self.policy = policy
        self.chainProvider = chainProvider
        validator = CertificateChainValidator(trustStore: trustStore)
        self.clock = clock
        self.logger = logger
    }

    /// Verifies one request; throws the first failed check's reason, after logging it.
    public func verify(
        body: [UInt8],
        headers: some AlexaRequestHeaders
    ) async throws(RequestVerificationError) -> VerifiedAlexaRequest {
        do {
            let verified = try await check(body: body, headers: headers)
            logger.trace("alexa.request.verified", ["alexa.request_type": verified.requestType])
            return verified
        } catch {
            logger.warning(
                "alexa.request.rejected",
                ["alexa.reason": error.code.rawValue, "alexa.detail": error.detail]
            )
            throw error
        }
    }

    private func check(
        body: [UInt8],
        headers: some AlexaRequestHeaders
    ) async throws(RequestVerificationError) -> VerifiedAlexaRequest {
        guard body.count <= policy.maxBodyBytes else {
            throw RequestVerificationError(.bodyTooLarge, "\(body.count) bytes, limit \(policy.maxBodyBytes)")
        }

        let urlValues = headers.values(AlexaHeaderName.certificateChainURL)
        guard urlValues.count == 1, let rawURL = urlValues.first else {
            throw RequestVerificationError(.certURLInvalid, urlValues.isEmpty ? "header missing" : "header repeated")
        }
        let certificateURL = try CertificateChainURL(rawURL)

        let (signature, digest) = try signatureToCheck(headers)

        let chain = try await chainProvider.chain(for: certificateURL)
        let now = clock.now()
        try validator.validate(chain, at: now)

        guard chain.leafKey.isValidSignature(signature, for: body, digest: digest) else {
            throw RequestVerificationError(.signatureInvalid, digest == .sha256 ? "Signature-256" : "Signature (SHA-1)")
        }

        let facts = try RequestEnvelopeFacts(body: body)
        try checkTimestamp(facts, now: now)
        try checkSkillID(facts)
        return VerifiedAlexaRequest(
            requestType: facts.requestType,
            timestamp: facts.timestamp,
            applicationID: facts.applicationID,
            hasSession: facts.hasSession
        )
    }

    /// The decoded signature and its digest; `Signature-256` wins whenever it is present.
    private func signatureToCheck(
        _ headers: some AlexaRequestHeaders
    ) throws(RequestVerificationError) -> ([UInt8], DigestAlgorithm) {
        let sha256Values = headers.values(AlexaHeaderName.signature256)
        if !sha256Values.isEmpty {
            return (try Self.decodeSignature(sha256Values, name: AlexaHeaderName.signature256), .sha256)
        }
        let sha1Values = headers.values(AlexaHeaderName.legacySignature)
        guard policy.allowSHA1Signature, !sha1Values.isEmpty else {
            throw RequestVerificationError(.signatureMissing, "no Signature-256 header")
        }
        return (try Self.decodeSignature(sha1Values, name: AlexaHeaderName.legacySignature), .sha1)
    }

    private static func decodeSignature(_ values: [String], name: String) throws(RequestVerificationError) -> [UInt8] {
        guard values.count == 1, let value = values.first else {
            throw RequestVerificationError(.signatureInvalid, "\(name) header repeated")
        }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw RequestVerificationError(.signatureMissing, "\(name) header empty") }
        guard let decoded = Data(base64Encoded: trimmed), !decoded.isEmpty else {
            throw RequestVerificationError(.signatureInvalid, "\(name) is not base64")
        }
        return Array(decoded)
    }

    private func checkTimestamp(_ facts: RequestEnvelopeFacts, now: Date) throws(RequestVerificationError) {
        let age = now.timeIntervalSince(facts.timestamp)
        let isSkillEvent = facts.requestType.hasPrefix("AlexaSkillEvent.")
        let maximumAge = isSkillEvent ? policy.skillEventTolerance : policy.timestampTolerance
        guard age <= maximumAge, -age <= policy.timestampTolerance else {
            throw RequestVerificationError(.timestampOutOfRange, "request is \(Int(age.rounded())) s old")
        }
    }

    private func checkSkillID(_ facts: RequestEnvelopeFacts) throws(RequestVerificationError) {
        guard let allowed = policy.allowedSkillIDs else { return }
        guard let id = facts.applicationID, allowed.contains(id) else {
            throw RequestVerificationError(
                .skillIDMismatch,
                facts.applicationID == nil ? "no applicationId" : "unknown applicationId"
            )
        }
    }
}
