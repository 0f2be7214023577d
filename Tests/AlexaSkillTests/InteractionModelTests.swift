import Foundation
import Testing

@testable import AlexaSkill

struct InteractionModelTests {
    @Test(.enabled(if: Vectors.available, Vectors.missingMessage))
    func helloWorldModelDecodes() throws {
        let bytes = try Vectors.bytes("alexa/interaction-models/hello-world.en-US.json")
        let model = try InteractionModel.decode(Data(bytes))
        let language = model.interactionModel.languageModel
        let hello = try #require(language.intent(named: "HelloWorldIntent"))

        #expect(language.invocationName == "hello world")
        #expect(
            language.intents.map(\.name) == [
                "AMAZON.CancelIntent", "AMAZON.HelpIntent", "AMAZON.StopIntent", "HelloWorldIntent",
                "AMAZON.NavigateHomeIntent",
            ]
        )
        #expect(hello.slots == [])
        #expect(hello.samples?.count == 7)
        #expect(hello.samples?.contains("say hello world") == true)
        #expect(language.intent(named: "AMAZON.HelpIntent")?.samples == [])
        #expect(language.intent(named: "AMAZON.HelpIntent")?.slots == nil)
        #expect(language.types == [])
        #expect(model.interactionModel.dialog == nil)
        #expect(model.interactionModel.prompts == nil)
    }

    /// A model with every optional part: a built-in slot type, a custom type, a dialog and prompts.
    @Test func fullModelDecodes() throws {
        let text = """
            {"interactionModel":{
              "languageModel":{
                "invocationName":"wardrobe helper",
                "intents":[{"name":"OutfitIntent","slots":[{"name":"city","type":"AMAZON.City",
                  "samples":["in {city}"]}],"samples":["what should I wear in {city}"]}],
                "types":[{"name":"Fabric","values":[{"id":"W","name":{"value":"wool","synonyms":["merino"]}},
                  {"name":{"value":"cotton"}}]}]},
              "dialog":{"intents":[{"name":"OutfitIntent","confirmationRequired":false,"prompts":{},
                "slots":[{"name":"city","type":"AMAZON.City","elicitationRequired":true,
                  "confirmationRequired":false,"prompts":{"elicitation":"Elicit.Slot.City"}}]}],
                "delegationStrategy":"ALWAYS"},
              "prompts":[{"id":"Elicit.Slot.City","variations":[{"type":"PlainText","value":"Which city?"}]}]},
             "version":"3"}
            """
        let model = try InteractionModel.decode(Data(text.utf8))
        let body = model.interactionModel
        let slot = try #require(body.languageModel.intents.first?.slots?.first)

        #expect(slot == ModelSlot(name: "city", type: "AMAZON.City", samples: ["in {city}"]))
        #expect(body.languageModel.types?.first?.values?.first?.name.synonyms == ["merino"])
        #expect(body.languageModel.types?.first?.values?.last?.id == nil)
        #expect(body.dialog?.delegationStrategy == "ALWAYS")
        #expect(body.dialog?.intents.first?.slots?.first?.prompts?["elicitation"] == "Elicit.Slot.City")
        #expect(body.prompts?.first?.variations.first == Prompt.Variation(type: "PlainText", value: "Which city?"))
    }

    @Test func modelWithoutInvocationNameIsRejected() {
        let text = #"{"interactionModel":{"languageModel":{"intents":[]}}}"#

        #expect(throws: DecodingError.self) {
            try InteractionModel.decode(Data(text.utf8))
        }
    }
}
