/// The sentences the router speaks on the skill's behalf. Skills supply their own, per locale if they like.
public struct GenericReplies: Sendable, Equatable {
    /// No access token, or one that was rejected. Sent with a LinkAccount card.
    public var linkAccount: String
    /// A valid token that lacks a scope the intent needs. Sent with a LinkAccount card.
    public var missingScope: String
    /// The token could not be checked for a reason on the server's side. Sent without a card.
    public var accountCheckUnavailable: String
    /// A handler threw.
    public var handlerFailure: String
    /// A request type that can take speech but that the skill does not handle.
    public var unsupportedRequest: String
    /// An intent with no handler when no fallback handler is registered.
    public var unhandledIntent: String

    /// Creates a set of replies; start from ``english`` to change only some.
    public init(
        linkAccount: String,
        missingScope: String,
        accountCheckUnavailable: String,
        handlerFailure: String,
        unsupportedRequest: String,
        unhandledIntent: String
    ) {
        self.linkAccount = linkAccount
        self.missingScope = missingScope
        self.accountCheckUnavailable = accountCheckUnavailable
        self.handlerFailure = handlerFailure
        self.unsupportedRequest = unsupportedRequest
        self.unhandledIntent = unhandledIntent
    }

    /// English defaults.
    public static let english = GenericReplies(
        linkAccount: "To use this skill, please link your account. I've sent a card to the Alexa app to help you.",
        missingScope: "Your linked account doesn't allow this request. "
            + "You can link your account again in the Alexa app and allow it there.",
        accountCheckUnavailable: "I can't check your linked account right now. Please try again in a moment.",
        handlerFailure: "Sorry, something went wrong. Please try again in a moment.",
        unsupportedRequest: "Sorry, this skill can't do that.",
        unhandledIntent: "Sorry, I can't help with that."
    )
}
