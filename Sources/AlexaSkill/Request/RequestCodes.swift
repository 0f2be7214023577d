// Alexa's enumerated string fields. Each is an open set: a value Amazon adds later still decodes.

/// `confirmationStatus` of an intent or slot.
public struct ConfirmationStatus: RawRepresentable, Sendable, Hashable, Codable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `NONE`: neither confirmed nor denied (named so that `== .unconfirmed` is never read as `Optional.none`).
    public static let unconfirmed = ConfirmationStatus(rawValue: "NONE")
    public static let confirmed = ConfirmationStatus(rawValue: "CONFIRMED")
    public static let denied = ConfirmationStatus(rawValue: "DENIED")
}

/// `request.dialogState` of an `IntentRequest` with a dialog model.
public struct DialogState: RawRepresentable, Sendable, Hashable, Codable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let started = DialogState(rawValue: "STARTED")
    public static let inProgress = DialogState(rawValue: "IN_PROGRESS")
    public static let completed = DialogState(rawValue: "COMPLETED")
}

/// `resolutions.resolutionsPerAuthority[].status.code`.
public struct ResolutionStatusCode: RawRepresentable, Sendable, Hashable, Codable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let successMatch = ResolutionStatusCode(rawValue: "ER_SUCCESS_MATCH")
    public static let successNoMatch = ResolutionStatusCode(rawValue: "ER_SUCCESS_NO_MATCH")
    public static let errorTimeout = ResolutionStatusCode(rawValue: "ER_ERROR_TIMEOUT")
    public static let errorException = ResolutionStatusCode(rawValue: "ER_ERROR_EXCEPTION")
}

/// `reason` of a `SessionEndedRequest`.
public struct SessionEndedReason: RawRepresentable, Sendable, Hashable, Codable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let userInitiated = SessionEndedReason(rawValue: "USER_INITIATED")
    public static let error = SessionEndedReason(rawValue: "ERROR")
    public static let exceededMaxReprompts = SessionEndedReason(rawValue: "EXCEEDED_MAX_REPROMPTS")
}
