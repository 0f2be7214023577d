/// The members specific to a `SessionEndedRequest`.
public struct SessionEndedRequest: Sendable, Decodable {
    /// USER_INITIATED, ERROR or EXCEEDED_MAX_REPROMPTS.
    public var reason: SessionEndedReason?
    /// Present when `reason` is ERROR.
    public var error: SessionEndedError?

    public init(reason: SessionEndedReason? = nil, error: SessionEndedError? = nil) {
        self.reason = reason
        self.error = error
    }
}

/// Why Alexa ended a session with an error.
public struct SessionEndedError: Sendable, Decodable, Hashable {
    /// Such as INVALID_RESPONSE or INTERNAL_SERVICE_ERROR.
    public var type: String?
    public var message: String?

    public init(type: String? = nil, message: String? = nil) {
        self.type = type
        self.message = message
    }
}
