import Foundation
import Testing

@testable import AlexaSkill

@Suite("Jovo request fixtures", .enabled(if: Vectors.available, Vectors.missingMessage))
struct JovoRequestTests {
    /// File → (request.type, has session, kind) as read from the fixture by hand.
    static let expected: [String: (type: String, hasSession: Bool, kind: String)] = [
        "AlexaSkillEvent.SkillDisabled.json": ("AlexaSkillEvent.SkillDisabled", false, "unsupported"),
        "AudioPlayer.PlaybackStarted.json": ("AudioPlayer.PlaybackStarted", false, "unsupported"),
        "AutomotiveLaunchRequest.json": ("LaunchRequest", true, "launch"),
        "CanFulfillIntentRequest.json": ("CanFulfillIntentRequest", true, "unsupported"),
        "Connections.Response.json": ("Connections.Response", true, "unsupported"),
        "DialogDelegateRequest.json": ("IntentRequest", true, "intent"),
        "Display.ElementSelected.json": ("Display.ElementSelected", false, "unsupported"),
        "GameEngine.InputHandlerEvent.json": ("GameEngine.InputHandlerEvent", false, "unsupported"),
        "IntentRequest1.json": ("IntentRequest", true, "intent"),
        "IntentRequestWithSlot.json": ("IntentRequest", true, "intent"),
        "IntentRequestWithSlotResolution.json": ("IntentRequest", true, "intent"),
        "IntentRequestWithSlotResolutionNoMatch.json": ("IntentRequest", true, "intent"),
        "LaunchRequest.json": ("LaunchRequest", true, "launch"),
        "PlaybackController.PlayCommandIssued.json": ("PlaybackController.PlayCommandIssued", false, "unsupported"),
        "SessionEndedRequest.json": ("SessionEndedRequest", true, "sessionEnded"),
        "System.ExceptionEncountered.json": ("System.ExceptionEncountered", false, "unsupported"),
    ]

    @Test func theTableCoversEveryFixture() {
        #expect(Set(Vectors.jsonFiles(in: "alexa/requests/jovo")) == Set(Self.expected.keys))
    }

    @Test(arguments: expected.keys.sorted())
    func everyFixtureDecodes(file: String) throws {
        let envelope = try Vectors.envelope("alexa/requests/jovo/\(file)")
        let expected = try #require(Self.expected[file])

        #expect(envelope.version == "1.0")
        #expect(envelope.request.type == expected.type)
        #expect((envelope.session != nil) == expected.hasSession)
        #expect(kindName(envelope.request.kind) == expected.kind)
        #expect(envelope.request.timestamp.date != nil)
        #expect(!envelope.request.requestId.isEmpty)
    }

    @Test func slotWithEntityResolutionMatch() throws {
        let envelope = try Vectors.envelope("alexa/requests/jovo/IntentRequestWithSlotResolution.json")
        let intent = try #require(envelope.request.intent)
        let slot = try #require(intent.slots["name"])

        #expect(envelope.request.locale == "de-DE")
        #expect(intent.name == "MyNameIsIntent")
        #expect(intent.confirmationStatus == ConfirmationStatus.unconfirmed)
        #expect(intent.slotValue("name") == "Jeff")
        #expect(slot.confirmationStatus == ConfirmationStatus.unconfirmed)
        #expect(slot.resolutions?.resolutionsPerAuthority.first?.status.code == .successMatch)
        #expect(slot.resolvedValue == ResolvedValue(name: "Jeff", id: "JeffId"))
        #expect(envelope.session?.attributes == ["_JOVO_STATE_": "NameState"])
        #expect(envelope.session?.user?.permissions?.consentToken == "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIs")
        #expect(envelope.context?.system?.user?.permissions?.consentToken == "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUz")
        #expect(envelope.context?.system?.apiEndpoint == "https://api.eu.amazonalexa.com")
        #expect(envelope.context?.system?.apiAccessToken?.hasPrefix("eyJ0eXAiOiJKV1Qi") == true)
        let deviceId = "amzn1.ask.device.AHENPV7J5ITROUGLIB73OVK6UMDYMO3FD7AEGJD2"
        #expect(envelope.context?.system?.device?.deviceId == deviceId)
        #expect(envelope.context?.system?.device?.supports("Geolocation") == true)
        #expect(envelope.context?.system?.device?.supports("AudioPlayer") == false)
        #expect(envelope.applicationId == "amzn1.ask.skill.5023bec0-da4f-4bfd-b17f-2df8826fce08")

        // An API access token is not an account-linking token.
        #expect(envelope.accessToken == nil)
    }

    @Test func slotWithEntityResolutionNoMatch() throws {
        let envelope = try Vectors.envelope("alexa/requests/jovo/IntentRequestWithSlotResolutionNoMatch.json")
        let slot = try #require(envelope.request.intent?.slots["name"])

        #expect(slot.value == "Jeff")
        #expect(slot.resolutions?.resolutionsPerAuthority.first?.status.code == .successNoMatch)
        #expect(slot.resolutions?.resolutionsPerAuthority.first?.values.isEmpty == true)
        #expect(slot.resolvedValue == nil)
    }

    @Test func dialogStateAndUnfilledSlot() throws {
        let envelope = try Vectors.envelope("alexa/requests/jovo/DialogDelegateRequest.json")
        guard case .intent(let intentRequest) = envelope.request.kind else {
            Issue.record("expected an intent request")
            return
        }

        #expect(intentRequest.dialogState == .started)
        #expect(intentRequest.intent.name == "TestDelegateIntent")
        #expect(intentRequest.intent.slots["key"] != nil)
        #expect(intentRequest.intent.slots["key"]?.value == nil)
        #expect(intentRequest.intent.slotValue("key") == nil)
    }

    @Test func intentWithEmptySlots() throws {
        let envelope = try Vectors.envelope("alexa/requests/jovo/IntentRequest1.json")
        guard case .intent(let intentRequest) = envelope.request.kind else {
            Issue.record("expected an intent request")
            return
        }

        #expect(intentRequest.intent.name == "HelpIntent")
        #expect(intentRequest.intent.slots.isEmpty)
        #expect(intentRequest.dialogState == .completed)
        #expect(envelope.session?.isNew == false)
    }

    @Test func sessionEndedReason() throws {
        let envelope = try Vectors.envelope("alexa/requests/jovo/SessionEndedRequest.json")
        guard case .sessionEnded(let ended) = envelope.request.kind else {
            Issue.record("expected a session-ended request")
            return
        }

        #expect(ended.reason == .userInitiated)
        #expect(ended.error == nil)
    }

    @Test func unsupportedRequestKeepsItsPayload() throws {
        let envelope = try Vectors.envelope("alexa/requests/jovo/System.ExceptionEncountered.json")
        guard case .unsupported(let type, let payload) = envelope.request.kind else {
            Issue.record("expected an unsupported request")
            return
        }

        #expect(type == "System.ExceptionEncountered")
        #expect(payload["error"]?["type"] == "INVALID_RESPONSE")
        #expect(payload["cause"]?["requestId"]?.stringValue == envelope.request.requestId)
    }

    @Test func sessionlessRequestFallsBackToContextIds() throws {
        let envelope = try Vectors.envelope("alexa/requests/jovo/AudioPlayer.PlaybackStarted.json")

        #expect(envelope.session == nil)
        #expect(envelope.sessionAttributes.isEmpty)
        #expect(envelope.userId == "amzn1.account.AM3B00000000000000000000000")
        #expect(envelope.applicationId == "amzn1.echo-sdk-ams.app.000000-d0ed-0000-ad00-000000d00ebe")
    }
}

/// A name for the case of a request kind, for table-driven checks.
func kindName(_ kind: RequestKind) -> String {
    switch kind {
    case .launch: "launch"
    case .intent: "intent"
    case .sessionEnded: "sessionEnded"
    case .unsupported: "unsupported"
    }
}
