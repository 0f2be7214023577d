import SkillSupport

/// Dispatches a request envelope to the skill's handlers, enforcing account linking and scopes.
///
/// Rules, in order:
/// - `SessionEndedRequest`: the session-ended handler runs (if any); the reply is always empty, because
///   Alexa accepts no speech for it.
/// - An intent listed in ``scopeRequirements`` needs a linked account holding every listed scope. No token
///   or a rejected token gets ``GenericReplies/linkAccount``; a valid token lacking a scope gets
///   ``GenericReplies/missingScope``. Both end the session and carry a LinkAccount card. A token that could
///   not be checked for a server-side reason gets ``GenericReplies/accountCheckUnavailable`` and no card.
/// - Other requests are not gated; handlers can still ask ``SkillContext/accountStatus()``, which checks the
///   token lazily, at most once per request.
/// - A request type in ``silentRequestTypes`` (AudioPlayer, PlaybackController, skill events, ...) without an
///   unsupported-request handler gets an empty reply: Alexa rejects speech and cards in answers to them.
///   Any other unsupported type gets ``GenericReplies/unsupportedRequest``.
/// - A handler that throws yields ``GenericReplies/handlerFailure`` (or an empty reply where speech is not
///   allowed); the error is logged by type only.
public struct SkillRouter: Sendable {
    /// The locale used when a request carries none.
    public static let fallbackLocale = "en-US"

    /// Scopes each intent needs, by intent name. Intents not listed need no linked account.
    public var scopeRequirements: [String: Set<String>]
    /// Validates access tokens; without one, every present token counts as invalid.
    public var tokenChecker: (any AccessTokenChecker)?
    /// The generic sentences, used when no locale-specific set matches.
    public var replies: GenericReplies
    /// Generic sentences by locale (`de-DE`) or language (`de`); the exact locale wins over the language.
    public var localizedReplies: [String: GenericReplies]
    /// Request types answered with an empty response: an exact type, or a prefix ending in `.`.
    public var silentRequestTypes: Set<String>
    /// Receives one debug line per request and a warning per handler failure; never tokens.
    public var logger: Logger

    private var launchHandler: RequestHandler?
    private var intentHandlers: [String: IntentHandler] = [:]
    private var sessionEndedHandler: SessionEndedHandler?
    private var unsupportedHandler: UnsupportedRequestHandler?
    private var fallbackHandler: RequestHandler?

    /// Creates a router with no handlers; register them with `onLaunch`, `onIntent` and the others.
    public init(
        scopeRequirements: [String: Set<String>] = [:],
        tokenChecker: (any AccessTokenChecker)? = nil,
        replies: GenericReplies = .english,
        localizedReplies: [String: GenericReplies] = [:],
        logger: Logger = .disabled
    ) {
        self.scopeRequirements = scopeRequirements
        self.tokenChecker = tokenChecker
        self.replies = replies
        self.localizedReplies = localizedReplies
        self.silentRequestTypes = Self.defaultSilentRequestTypes
        self.logger = logger
    }

    /// Requests whose responses may hold no speech, card or reprompt (Alexa interface references for
    /// AudioPlayer, PlaybackController, System.ExceptionEncountered and skill events).
    public static let defaultSilentRequestTypes: Set<String> = [
        "AudioPlayer.",
        "PlaybackController.",
        "AlexaSkillEvent.",
        "AlexaHouseholdListEvent.",
        "Messaging.",
        "System.ExceptionEncountered",
        "CanFulfillIntentRequest",
        RequestKind.sessionEndedType,
    ]

    // MARK: Registration

    /// The intents that have a handler of their own (not counting the fallback).
    public var handledIntents: Set<String> {
        Set(intentHandlers.keys)
    }

    /// Handles `LaunchRequest`. Without it, launches go to the fallback handler.
    public mutating func onLaunch(_ handler: @escaping RequestHandler) {
        launchHandler = handler
    }

    /// Handles the intent with this name (replacing an earlier registration).
    public mutating func onIntent(_ name: String, _ handler: @escaping IntentHandler) {
        intentHandlers[name] = handler
    }

    /// Handles several intents with one handler (`AMAZON.StopIntent` and `AMAZON.CancelIntent`, say).
    public mutating func onIntents(_ names: [String], _ handler: @escaping IntentHandler) {
        for name in names {
            intentHandlers[name] = handler
        }
    }

    /// Observes `SessionEndedRequest`.
    public mutating func onSessionEnded(_ handler: @escaping SessionEndedHandler) {
        sessionEndedHandler = handler
    }

    /// Handles request types this module does not model, silent ones included.
    public mutating func onUnsupported(_ handler: @escaping UnsupportedRequestHandler) {
        unsupportedHandler = handler
    }

    /// Handles launches and intents that have no handler of their own.
    public mutating func onFallback(_ handler: @escaping RequestHandler) {
        fallbackHandler = handler
    }

    // MARK: Dispatch

    /// Decodes a request body and dispatches it; a body that is not a valid envelope is returned as an error
    /// (the server answers it with HTTP 400).
    public func handle(body: [UInt8]) async -> Result<ResponseEnvelope, RequestDecodingError> {
        let envelope: RequestEnvelope
        do {
            envelope = try RequestEnvelope.decode(body)
        } catch {
            logger.debug(
                "alexa.request.rejected",
                ["error.code": error.code.rawValue, "error.field": error.field ?? ""]
            )
            return .failure(error)
        }
        return .success(await handle(envelope))
    }

    /// Dispatches a decoded envelope. Never throws: every failure becomes a spoken or empty response.
    public func handle(_ envelope: RequestEnvelope) async -> ResponseEnvelope {
        let request = envelope.request
        let requestLogger = logger.with(["alexa.request.id": request.requestId])
        let context = SkillContext(
            envelope: envelope,
            locale: request.locale ?? Self.fallbackLocale,
            logger: requestLogger,
            account: AccountStatusResolver(accessToken: envelope.accessToken, checker: tokenChecker)
        )
        requestLogger.debug(
            "alexa.request.dispatch",
            [
                "alexa.request.type": request.type,
                "alexa.intent": request.intent?.name ?? "",
                "alexa.locale": context.locale,
            ]
        )

        switch request.kind {
        case .launch:
            return await run(context, speechAllowed: true) { context in
                if let launchHandler { return try await launchHandler(context) }
                return try await fallback(context)
            }
        case .intent(let intentRequest):
            return await dispatch(intentRequest.intent, context)
        case .sessionEnded(let ended):
            if let sessionEndedHandler {
                _ = await run(context, speechAllowed: false) { context in
                    try await sessionEndedHandler(ended, context)
                    return .empty
                }
            }
            return .empty
        case .unsupported(let type, let payload):
            return await unsupported(type: type, payload: payload, context)
        }
    }

    private func dispatch(_ intent: Intent, _ context: SkillContext) async -> ResponseEnvelope {
        if let gate = await scopeGate(intent, context) {
            return gate
        }
        return await run(context, speechAllowed: true) { context in
            if let handler = intentHandlers[intent.name] { return try await handler(intent, context) }
            return try await fallback(context)
        }
    }

    /// The link-account answer when the intent needs scopes the request cannot show; nil to go on.
    private func scopeGate(_ intent: Intent, _ context: SkillContext) async -> ResponseEnvelope? {
        guard let required = scopeRequirements[intent.name], !required.isEmpty else { return nil }

        let replies = replies(for: context.locale)
        switch await context.accountStatus() {
        case .missing:
            context.logger.debug(
                "alexa.account.link_required",
                ["account.status": "missing", "alexa.intent": intent.name]
            )
            return Self.linkAccountResponse(replies.linkAccount)
        case .invalid(let reason):
            context.logger.debug(
                "alexa.account.link_required",
                ["account.status": "invalid", "account.reason": reason, "alexa.intent": intent.name]
            )
            return Self.linkAccountResponse(replies.linkAccount)
        case .unavailable(let reason):
            context.logger.warning(
                "alexa.account.check_unavailable",
                ["account.status": "unavailable", "account.reason": reason, "alexa.intent": intent.name]
            )
            return ResponseBuilder.tell(replies.accountCheckUnavailable).build()
        case .linked(let account):
            let missing = required.subtracting(account.scopes)
            guard missing.isEmpty else {
                context.logger.debug(
                    "alexa.account.scope_missing",
                    ["scope.missing": missing.sorted().joined(separator: " "), "alexa.intent": intent.name]
                )
                return Self.linkAccountResponse(replies.missingScope)
            }
            return nil
        }
    }

    private func unsupported(type: String, payload: JSONValue, _ context: SkillContext) async -> ResponseEnvelope {
        let silent = isSilent(type)
        if let unsupportedHandler {
            return await run(context, speechAllowed: !silent) { context in
                try await unsupportedHandler(type, payload, context)
            }
        }

        context.logger.debug(
            "alexa.request.unsupported",
            ["alexa.request.type": type, "alexa.reply.silent": "\(silent)"]
        )
        guard !silent else { return .empty }
        return ResponseBuilder.tell(replies(for: context.locale).unsupportedRequest).build()
    }

    private func fallback(_ context: SkillContext) async throws -> ResponseEnvelope {
        if let fallbackHandler {
            return try await fallbackHandler(context)
        }
        context.logger.debug("alexa.request.unhandled", ["alexa.intent": context.intent?.name ?? ""])
        return ResponseBuilder.tell(replies(for: context.locale).unhandledIntent).build()
    }

    /// Runs a handler, turning a thrown error into an apology (or an empty reply where speech is not allowed).
    private func run(
        _ context: SkillContext,
        speechAllowed: Bool,
        _ body: (SkillContext) async throws -> ResponseEnvelope
    ) async -> ResponseEnvelope {
        do {
            return try await body(context)
        } catch {
            context.logger.warning(
                "alexa.handler.failed",
                [
                    "error.type": String(describing: type(of: error)),
                    "alexa.request.type": context.request.type,
                    "alexa.intent": context.intent?.name ?? "",
                ]
            )
            guard speechAllowed else { return .empty }
            return ResponseBuilder.tell(replies(for: context.locale).handlerFailure).build()
        }
    }

    // MARK: Helpers

    /// True when `type` matches an entry of ``silentRequestTypes`` exactly or by a `.`-terminated prefix.
    public func isSilent(_ type: String) -> Bool {
        silentRequestTypes.contains { entry in
            entry.hasSuffix(".") ? type.hasPrefix(entry) : type == entry
        }
    }

    /// The generic sentences for a locale: exact locale, then its language, then ``replies``.
    public func replies(for locale: String) -> GenericReplies {
        if let exact = localizedReplies[locale] {
            return exact
        }
        let language = String(locale.prefix { $0 != "-" && $0 != "_" })
        return localizedReplies[language] ?? replies
    }

    private static func linkAccountResponse(_ speech: String) -> ResponseEnvelope {
        ResponseBuilder.tell(speech).linkAccountCard().build()
    }
}
