import Foundation
import SkillSupport
import Synchronization
import Testing

@testable import AlexaSkill

struct SkillRouterTests {
    static let weatherIntent = "WhatShouldIWearIntent"
    static let scope = "read:weather"
    static let answer = ResponseBuilder.tell("Wear a coat.").build()

    /// A router where the weather intent needs `read:weather` and answers "Wear a coat.".
    static func router(
        checker: StubTokenChecker,
        handlerCalls: CallCounter = CallCounter(),
        logger: Logger = .disabled
    ) -> SkillRouter {
        var router = SkillRouter(
            scopeRequirements: [weatherIntent: [scope]],
            tokenChecker: checker,
            logger: logger
        )
        router.onIntent(weatherIntent) { _, _ in
            handlerCalls.hit()
            return answer
        }
        return router
    }

    static let checker = StubTokenChecker([
        "good": .linked(LinkedAccount(subject: "alice", scopes: [scope, "profile"])),
        "narrow": .linked(LinkedAccount(subject: "bob", scopes: ["profile"])),
        "expired": .invalid(reason: "expired"),
    ])

    @Test func missingTokenAsksToLinkTheAccount() async {
        let checker = StubTokenChecker([:])
        let calls = CallCounter()
        let router = Self.router(checker: checker, handlerCalls: calls)
        let reply = await router.handle(RouterFixtures.intent(Self.weatherIntent))

        #expect(reply.response.outputSpeech == RouterFixtures.speech(GenericReplies.english.linkAccount))
        #expect(reply.response.card == .linkAccount)
        #expect(reply.response.shouldEndSession == true)
        #expect(calls.value == 0)
        #expect(checker.calls == 0)
    }

    @Test(arguments: ["expired", "garbage"])
    func invalidTokenAsksToLinkTheAccount(token: String) async {
        let checker = StubTokenChecker(["expired": .invalid(reason: "expired")])
        let calls = CallCounter()
        let router = Self.router(checker: checker, handlerCalls: calls)
        let reply = await router.handle(RouterFixtures.intent(Self.weatherIntent, token: token))

        #expect(reply.response.outputSpeech == RouterFixtures.speech(GenericReplies.english.linkAccount))
        #expect(reply.response.card == .linkAccount)
        #expect(reply.response.shouldEndSession == true)
        #expect(calls.value == 0)
        #expect(checker.calls == 1)
    }

    @Test func tokenThatCannotBeCheckedIsNotBlamedOnTheUser() async {
        let checker = StubTokenChecker(["pending": .unavailable(reason: "jwks_unavailable")])
        let calls = CallCounter()
        let router = Self.router(checker: checker, handlerCalls: calls)
        let reply = await router.handle(RouterFixtures.intent(Self.weatherIntent, token: "pending"))

        #expect(reply.response.outputSpeech == RouterFixtures.speech(GenericReplies.english.accountCheckUnavailable))
        #expect(reply.response.card == nil)
        #expect(calls.value == 0)
    }

    @Test func validTokenWithoutTheScopeIsToldPlainly() async {
        let calls = CallCounter()
        let router = Self.router(checker: Self.checker, handlerCalls: calls)
        let reply = await router.handle(RouterFixtures.intent(Self.weatherIntent, token: "narrow"))
        let speech = GenericReplies.english.missingScope

        #expect(reply.response.outputSpeech == RouterFixtures.speech(speech))
        #expect(reply.response.card == .linkAccount)
        #expect(reply.response.shouldEndSession == true)
        #expect(!speech.contains(Self.scope))
        #expect(calls.value == 0)
    }

    @Test func validTokenWithTheScopeReachesTheHandler() async {
        let checker = StubTokenChecker(["good": .linked(LinkedAccount(subject: "alice", scopes: [Self.scope]))])
        let seen = SeenAccount()
        var router = SkillRouter(scopeRequirements: [Self.weatherIntent: [Self.scope]], tokenChecker: checker)
        router.onIntent(Self.weatherIntent) { intent, context in
            // Asking again must not check the token a second time.
            seen.record(await context.linkedAccount(), intent: intent.name)
            _ = await context.accountStatus()
            return Self.answer
        }
        let reply = await router.handle(RouterFixtures.intent(Self.weatherIntent, token: "good"))

        #expect(reply == Self.answer)
        #expect(seen.account == LinkedAccount(subject: "alice", scopes: [Self.scope]))
        #expect(seen.intent == Self.weatherIntent)
        #expect(checker.calls == 1)
    }

    @Test func scopeRequirementsAreConfigurable() async {
        var router = Self.router(checker: Self.checker)
        router.scopeRequirements = [Self.weatherIntent: ["profile"]]

        #expect(await router.handle(RouterFixtures.intent(Self.weatherIntent, token: "narrow")) == Self.answer)

        router.scopeRequirements = [:]
        #expect(await router.handle(RouterFixtures.intent(Self.weatherIntent)) == Self.answer)

        router.scopeRequirements = [Self.weatherIntent: [Self.scope, "admin"]]
        let reply = await router.handle(RouterFixtures.intent(Self.weatherIntent, token: "good"))
        #expect(reply.response.outputSpeech == RouterFixtures.speech(GenericReplies.english.missingScope))
    }

    @Test func tokenWithoutACheckerIsNotALinkedAccount() async {
        var router = SkillRouter(scopeRequirements: [Self.weatherIntent: [Self.scope]])
        router.onIntent(Self.weatherIntent) { _, _ in Self.answer }
        let reply = await router.handle(RouterFixtures.intent(Self.weatherIntent, token: "good"))

        #expect(reply.response.card == .linkAccount)
    }

    @Test func ungatedIntentsCheckTheTokenOnlyWhenAsked() async {
        let checker = StubTokenChecker(["good": .linked(LinkedAccount(subject: "alice", scopes: []))])
        let seen = SeenAccount()
        var router = SkillRouter(tokenChecker: checker)
        router.onIntent("AMAZON.HelpIntent") { _, _ in Self.answer }
        router.onIntent("WhoAmIIntent") { intent, context in
            seen.record(await context.linkedAccount(), intent: intent.name)
            return Self.answer
        }

        _ = await router.handle(RouterFixtures.intent("AMAZON.HelpIntent", token: "good"))
        #expect(checker.calls == 0)

        _ = await router.handle(RouterFixtures.intent("WhoAmIIntent", token: "good"))
        #expect(checker.calls == 1)
        #expect(seen.account?.subject == "alice")
    }

    @Test func handlerErrorBecomesAnApology() async {
        let sink = InMemoryLogSink()
        let logger = Logger(label: "test", minimumLevel: .trace, sink: sink)
        var router = SkillRouter(scopeRequirements: [Self.weatherIntent: [Self.scope]], tokenChecker: Self.checker)
        router.logger = logger
        router.onIntent(Self.weatherIntent) { _, _ in throw HandlerFailure() }
        let reply = await router.handle(RouterFixtures.intent(Self.weatherIntent, token: "good"))

        #expect(reply.response.outputSpeech == RouterFixtures.speech(GenericReplies.english.handlerFailure))
        #expect(reply.response.shouldEndSession == true)
        #expect(reply.response.card == nil)

        let failure = sink.records.first { $0.event == "alexa.handler.failed" }
        #expect(failure?.level == .warning)
        #expect(failure?.metadata["error.type"] == "HandlerFailure")
        #expect(failure?.metadata["alexa.request.id"] == "request-1")
    }

    @Test func logsNeverContainTheAccessToken() async {
        let sink = InMemoryLogSink()
        let logger = Logger(label: "test", minimumLevel: .trace, sink: sink)
        let secret = "eyJhbGciOiJSUzI1NiJ9.secret-token-body.signature"
        let checker = StubTokenChecker([secret: .invalid(reason: "bad_signature")])
        let router = Self.router(checker: checker, logger: logger)

        _ = await router.handle(RouterFixtures.intent(Self.weatherIntent, token: secret))
        _ = await router.handle(RouterFixtures.intent("Other", token: secret))

        #expect(!sink.records.isEmpty)
        #expect(sink.text.contains("bad_signature"))
        #expect(!sink.text.contains("secret-token-body"))
    }

    @Test func launchGoesToItsHandler() async {
        var router = SkillRouter()
        router.onLaunch { context in
            ResponseBuilder.ask("Welcome in \(context.locale).", reprompt: "Ask me.").build()
        }
        let reply = await router.handle(RouterFixtures.launch())

        #expect(reply.response.outputSpeech == RouterFixtures.speech("Welcome in en-US."))
        #expect(reply.response.shouldEndSession == false)
    }

    @Test func fallbackTakesUnknownIntentsAndLaunch() async {
        let calls = CallCounter()
        var router = SkillRouter()
        router.onFallback { context in
            calls.hit()
            return ResponseBuilder.tell("Fallback for \(context.intent?.name ?? "launch").").build()
        }

        let intentReply = await router.handle(RouterFixtures.intent("NobodyHandlesThis"))
        let launchReply = await router.handle(RouterFixtures.launch())

        #expect(intentReply.response.outputSpeech == RouterFixtures.speech("Fallback for NobodyHandlesThis."))
        #expect(launchReply.response.outputSpeech == RouterFixtures.speech("Fallback for launch."))
        #expect(calls.value == 2)
    }

    @Test func oneHandlerForSeveralIntents() async {
        var router = SkillRouter()
        router.onIntents(["AMAZON.StopIntent", "AMAZON.CancelIntent"]) { intent, _ in
            ResponseBuilder.tell("Bye from \(intent.name).").build()
        }
        let stop = await router.handle(RouterFixtures.intent("AMAZON.StopIntent"))
        let cancel = await router.handle(RouterFixtures.intent("AMAZON.CancelIntent"))

        #expect(stop.response.outputSpeech == RouterFixtures.speech("Bye from AMAZON.StopIntent."))
        #expect(cancel.response.outputSpeech == RouterFixtures.speech("Bye from AMAZON.CancelIntent."))
    }

    @Test func withoutAnyHandlerTheIntentGetsAPoliteAnswer() async {
        let reply = await SkillRouter().handle(RouterFixtures.intent("NobodyHandlesThis"))

        #expect(reply.response.outputSpeech == RouterFixtures.speech(GenericReplies.english.unhandledIntent))
        #expect(reply.response.shouldEndSession == true)
    }

    @Test func sessionEndedGetsAnEmptyResponse() async {
        let calls = CallCounter()
        var router = SkillRouter()
        router.onSessionEnded { ended, _ in
            #expect(ended.reason == .userInitiated)
            calls.hit()
        }

        #expect(await router.handle(RouterFixtures.sessionEnded()) == .empty)
        #expect(calls.value == 1)
    }

    @Test func sessionEndedHandlerErrorStillGivesAnEmptyResponse() async {
        var router = SkillRouter()
        router.onSessionEnded { _, _ in throw HandlerFailure() }

        #expect(await router.handle(RouterFixtures.sessionEnded()) == .empty)
        #expect(await SkillRouter().handle(RouterFixtures.sessionEnded()) == .empty)
    }

    @Test(arguments: ["UnknownRequest", "Display.ElementSelected", "Connections.Response"])
    func unsupportedTypeThatTakesSpeechGetsAPoliteAnswer(type: String) async {
        let reply = await SkillRouter().handle(RouterFixtures.unsupported(type))

        #expect(reply.response.outputSpeech == RouterFixtures.speech(GenericReplies.english.unsupportedRequest))
        #expect(reply.response.shouldEndSession == true)
    }

    @Test(
        arguments: [
            "AudioPlayer.PlaybackStarted", "AudioPlayer.PlaybackNearlyFinished", "PlaybackController.PlayCommandIssued",
            "System.ExceptionEncountered", "AlexaSkillEvent.SkillDisabled", "CanFulfillIntentRequest",
        ]
    )
    func unsupportedTypeThatCannotTakeSpeechGetsAnEmptyResponse(type: String) async {
        #expect(await SkillRouter().handle(RouterFixtures.unsupported(type)) == .empty)
    }

    @Test func silentTypesMatchExactlyOrByDottedPrefix() {
        let router = SkillRouter()

        #expect(router.isSilent("AudioPlayer.PlaybackFailed"))
        #expect(router.isSilent("SessionEndedRequest"))
        #expect(!router.isSilent("AudioPlayerX"))
        #expect(!router.isSilent("System.ExceptionEncounteredLater"))
        #expect(!router.isSilent("UnknownRequest"))
    }

    @Test func unsupportedHandlerSeesTypeAndPayload() async {
        var router = SkillRouter()
        router.onUnsupported { type, payload, _ in
            ResponseBuilder.tell("Got \(type) \(payload["type"]?.stringValue ?? "")").build()
        }
        let reply = await router.handle(RouterFixtures.unsupported("Display.ElementSelected"))

        let expected = RouterFixtures.speech("Got Display.ElementSelected Display.ElementSelected")
        #expect(reply.response.outputSpeech == expected)
    }

    @Test func failingUnsupportedHandlerForASilentTypeStaysSilent() async {
        var router = SkillRouter()
        router.onUnsupported { _, _, _ in throw HandlerFailure() }

        #expect(await router.handle(RouterFixtures.unsupported("AudioPlayer.PlaybackStopped")) == .empty)
        let spoken = await router.handle(RouterFixtures.unsupported("UnknownRequest"))
        #expect(spoken.response.outputSpeech == RouterFixtures.speech(GenericReplies.english.handlerFailure))
    }

    @Test func repliesFollowTheLocale() async {
        var german = GenericReplies.english
        german.linkAccount = "Bitte verknüpfe dein Konto in der Alexa-App."
        var british = GenericReplies.english
        british.linkAccount = "Do link your account in the Alexa app."
        var router = Self.router(checker: StubTokenChecker([:]))
        router.localizedReplies = ["de": german, "en-GB": british]

        let inGerman = await router.handle(RouterFixtures.intent(Self.weatherIntent, locale: "de-DE"))
        let inBritish = await router.handle(RouterFixtures.intent(Self.weatherIntent, locale: "en-GB"))
        let inAmerican = await router.handle(RouterFixtures.intent(Self.weatherIntent, locale: "en-US"))
        let noLocale = await router.handle(RouterFixtures.intent(Self.weatherIntent, locale: nil))

        #expect(inGerman.response.outputSpeech == RouterFixtures.speech(german.linkAccount))
        #expect(inBritish.response.outputSpeech == RouterFixtures.speech(british.linkAccount))
        #expect(inAmerican.response.outputSpeech == RouterFixtures.speech(GenericReplies.english.linkAccount))
        #expect(noLocale.response.outputSpeech == RouterFixtures.speech(GenericReplies.english.linkAccount))
    }

    @Test func handleBodyDecodesAndDispatches() async throws {
        var router = SkillRouter()
        router.onLaunch { _ in Self.answer }
        let body = """
            {"version":"1.0","request":{"type":"LaunchRequest","requestId":"r","timestamp":"2026-01-01T00:00:00Z"}}
            """

        #expect(try await router.handle(body: Array(body.utf8)).get() == Self.answer)
    }

    @Test func handleBodyReportsMalformedJSON() async {
        let result = await SkillRouter().handle(body: Array("{not json".utf8))

        #expect(throws: RequestDecodingError(code: .malformedJSON)) { try result.get() }
    }

    @Test func handlerContextForDirectCalls() async {
        let account = LinkedAccount(subject: "s", scopes: ["a"])
        let context = SkillContext(envelope: RouterFixtures.intent("X", locale: nil), accountStatus: .linked(account))

        #expect(context.locale == "en-US")
        #expect(context.intent?.name == "X")
        #expect(await context.linkedAccount() == account)
    }
}

/// What a handler saw, recorded from inside a `@Sendable` closure.
final class SeenAccount: Sendable {
    private let state = Mutex<(account: LinkedAccount?, intent: String?)>((nil, nil))

    func record(_ account: LinkedAccount?, intent: String) {
        state.withLock { $0 = (account, intent) }
    }

    var account: LinkedAccount? { state.withLock { $0.account } }
    var intent: String? { state.withLock { $0.intent } }
}
