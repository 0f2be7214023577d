import Foundation

/// What a request must satisfy beyond its signature and certificate.
public struct RequestVerificationPolicy: Sendable {
    /// The skill ids this server answers for. `nil` skips the skill-id check; only the offline
    /// `verify-request` command uses that, the server refuses to start without an id.
    public var allowedSkillIDs: Set<String>?
    /// Accept the legacy SHA-1 `Signature` header when `Signature-256` is absent.
    public var allowSHA1Signature: Bool
    /// Bodies larger than this are refused before anything is parsed or hashed.
    public var maxBodyBytes: Int
    /// How far `request.timestamp` may lie from now, in either direction, in seconds.
    public var timestampTolerance: TimeInterval
    /// How old an `AlexaSkillEvent.*` request may be, in seconds (future ones get `timestampTolerance`).
    public var skillEventTolerance: TimeInterval

    /// Amazon's limits: 150 s either way, one hour for skill events, 128 KiB bodies, SHA-1 off.
    public init(
        allowedSkillIDs: Set<String>?,
        allowSHA1Signature: Bool = false,
        maxBodyBytes: Int = 128 * 1024,
        timestampTolerance: TimeInterval = 150,
        skillEventTolerance: TimeInterval = 3600
    ) {
        self.allowedSkillIDs = allowedSkillIDs
        self.allowSHA1Signature = allowSHA1Signature
        self.maxBodyBytes = maxBodyBytes
        self.timestampTolerance = timestampTolerance
        self.skillEventTolerance = skillEventTolerance
    }
}
