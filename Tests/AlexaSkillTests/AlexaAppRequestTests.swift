import Foundation
import Testing

@testable import AlexaSkill

@Suite("alexa-app request fixtures", .enabled(if: Vectors.available, Vectors.missingMessage))
struct AlexaAppRequestTests {
    static let folder = "alexa/requests/alexa-app"

    @Test func airportInfoIgnoresStraySessionMembers() throws {
        let envelope = try Vectors.envelope("\(Self.folder)/intent_request_airport_info.json")

        #expect(envelope.request.intent?.name == "airportInfoIntent")
        #expect(envelope.request.intent?.slotValue("AirportCode") == "JFK")
        #expect(envelope.request.locale == nil)
        #expect(envelope.session?.sessionId == "amzn1.echo-api.session.abeee1a7-aee0-41e6-8192-e6faaed9f5ef")
        #expect(envelope.session?.user?.userId == "amzn1.account.AM3B227HF3FAM1B261HK7FFM3A2")

        // `session.accessToken: null` sits outside `session.user`; it is not a token, so the user is not linked.
        #expect(envelope.session?.user?.accessToken == nil)
        #expect(envelope.accessToken == nil)
    }

    @Test func airportInfoResolution() throws {
        let envelope = try Vectors.envelope("\(Self.folder)/intent_request_airport_info_resolutions.json")
        let slot = try #require(envelope.request.intent?.slots["AirportCode"])

        #expect(slot.value == "my home airport")
        #expect(slot.resolvedValue == ResolvedValue(name: "JFK", id: "200"))
        #expect(slot.resolutions?.resolutionsPerAuthority.first?.authority?.hasSuffix(".AirportCode") == true)
    }

    @Test func foodDeliveryDialogStarted() throws {
        let envelope = try Vectors.envelope("\(Self.folder)/intent_request_food_delivery_dialog_started.json")
        guard case .intent(let intentRequest) = envelope.request.kind else {
            Issue.record("expected an intent request")
            return
        }

        #expect(intentRequest.dialogState == .started)
        #expect(intentRequest.intent.name == "deliveryCreationRequest")
        #expect(intentRequest.intent.slots["genre"]?.name == "genre")
        #expect(intentRequest.intent.slotValue("genre") == nil)
    }

    @Test func sessionEndedWithoutContext() throws {
        let envelope = try Vectors.envelope("\(Self.folder)/session_ended_request.json")

        #expect(envelope.context == nil)
        #expect(envelope.session?.isNew == true)
        #expect(kindName(envelope.request.kind) == "sessionEnded")
        #expect(envelope.userId == "amzn1.account.AM3B227HF3FAM1B261HK7FFM3A2")
    }

    @Test func audioPlayerWithoutSession() throws {
        let envelope = try Vectors.envelope("\(Self.folder)/audio_player_playback_nearly_finished.json")
        guard case .unsupported(let type, let payload) = envelope.request.kind else {
            Issue.record("expected an unsupported request")
            return
        }

        #expect(envelope.session == nil)
        #expect(type == "AudioPlayer.PlaybackNearlyFinished")
        #expect(payload["offsetInMilliseconds"] == 1_234_567)
        #expect(payload["token"] == "THIS_IS_SOME_RANDOM_STRING")
    }

    /// Decision: a null `session.user.userId` decodes as nil rather than failing the envelope.
    @Test func malformedSessionParsesWithNilUserId() throws {
        let envelope = try Vectors.envelope("\(Self.folder)/intent_request_malformed_session.json")

        #expect(envelope.session != nil)
        #expect(envelope.session?.user != nil)
        #expect(envelope.session?.user?.userId == nil)
        #expect(envelope.session?.attributes.isEmpty == true)
        #expect(envelope.userId == "amzn1.account.AM3B227HF3FAM1B261HK7FFM3A2")
        #expect(envelope.request.intent?.slotValue("AirportCode") == "JFK")
    }

    @Test func unknownTypeIsUnsupported() throws {
        let envelope = try Vectors.envelope("\(Self.folder)/unknown_type_request.json")
        guard case .unsupported(let type, _) = envelope.request.kind else {
            Issue.record("expected an unsupported request")
            return
        }

        #expect(type == "UnknownRequest")
        #expect(envelope.request.type == "UnknownRequest")
    }
}

@Suite("Amazon-signed request bodies", .enabled(if: Vectors.available, Vectors.missingMessage))
struct SignedBodyDecodingTests {
    static let files = [
        "amzn-sha1-2017-02-10-helloworld",
        "amzn-sha1-2017-04-05-utf8-slot",
        "amzn-sha1-2017-06-06-intent-slot",
        "amzn-sha1-2017-06-12-launch-context",
        "amzn-sha1-2019-07-15-launch-apiaccesstoken",
    ]

    @Test(arguments: files)
    func realBodiesDecode(file: String) throws {
        let envelope = try Vectors.envelope("alexa/signed/\(file).body.json")

        #expect(envelope.version == "1.0")
        #expect(envelope.request.timestamp.date != nil)
        #expect(["launch", "intent"].contains(kindName(envelope.request.kind)))
    }

    @Test func utf8SlotValueSurvives() throws {
        let envelope = try Vectors.envelope("alexa/signed/amzn-sha1-2017-04-05-utf8-slot.body.json")
        let values = envelope.request.intent?.slots.values.compactMap(\.value) ?? []

        #expect(values.contains("Pokémon"))
    }
}
