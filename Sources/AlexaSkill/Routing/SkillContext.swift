import SkillSupport

/// What a handler gets besides the request: locale, account status and a logger.
public struct SkillContext: Sendable {
    /// The whole request envelope, for session attributes, ids and device details.
    public let envelope: RequestEnvelope
    /// `request.locale`, or the router's default locale when the request has none.
    public let locale: String
    /// Carries the request id in its metadata.
    public let logger: Logger
    private let account: AccountStatusResolver

    init(envelope: RequestEnvelope, locale: String, logger: Logger, account: AccountStatusResolver) {
        self.envelope = envelope
        self.locale = locale
        self.logger = logger
        self.account = account
    }

    /// A context with a known account status, for calling handlers directly (in tests, for example).
    public init(
        envelope: RequestEnvelope,
        accountStatus: AccountLinkStatus = .missing,
        locale: String? = nil,
        logger: Logger = .disabled
    ) {
        self.init(
            envelope: envelope,
            locale: locale ?? envelope.request.locale ?? SkillRouter.fallbackLocale,
            logger: logger,
            account: AccountStatusResolver(known: accountStatus)
        )
    }

    /// Shorthand for `envelope.request`.
    public var request: Request { envelope.request }

    /// The intent of an `IntentRequest`, nil for other requests.
    public var intent: Intent? { envelope.request.intent }

    /// The account-linking status. For intents with scope requirements the router has already checked it;
    /// for others the token is checked on the first call (once per request).
    public func accountStatus() async -> AccountLinkStatus {
        await account.status()
    }

    /// The linked account, or nil when the token is missing or invalid.
    public func linkedAccount() async -> LinkedAccount? {
        await account.status().linkedAccount
    }
}
