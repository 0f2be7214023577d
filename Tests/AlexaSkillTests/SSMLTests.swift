import Testing

@testable import AlexaSkill

struct SSMLTests {
    @Test func escapesTheFiveReservedCharacters() {
        #expect(SSML.escape(#"Tom & Jerry's <"show">"#) == "Tom &amp; Jerry&apos;s &lt;&quot;show&quot;&gt;")
    }

    @Test func leavesOtherTextAlone() {
        #expect(SSML.escape("Zürich, 7 °C — wear a coat") == "Zürich, 7 °C — wear a coat")
        #expect(SSML.escape("") == "")
    }

    @Test func escapingDoesNotStopAtTheFirstMatch() {
        #expect(SSML.escape("&&") == "&amp;&amp;")
        #expect(SSML.escape("&amp;") == "&amp;amp;")
    }

    @Test func speakEscapesAndWraps() {
        let built = ResponseBuilder().speak("Rain & wind <tonight>").reprompt("Sun 'n' fun").build().response

        #expect(built.outputSpeech == .ssml("<speak>Rain &amp; wind &lt;tonight&gt;</speak>"))
        #expect(built.reprompt?.outputSpeech == .ssml("<speak>Sun &apos;n&apos; fun</speak>"))
    }

    @Test func markupIsWrappedOnce() {
        #expect(SSML.wrap(markup: "Hello <break time=\"1s\"/>") == "<speak>Hello <break time=\"1s\"/></speak>")
        #expect(SSML.wrap(markup: "<speak>Hi</speak>") == "<speak>Hi</speak>")
        #expect(SSML.wrap(markup: "  <speak>Hi</speak>\n") == "<speak>Hi</speak>")
        #expect(ResponseBuilder().ssml("<speak>Hi</speak>").build().response.outputSpeech == .ssml("<speak>Hi</speak>"))
        #expect(
            ResponseBuilder().repromptSSML("<emphasis>Hi</emphasis>").build().response.reprompt?.outputSpeech
                == .ssml("<speak><emphasis>Hi</emphasis></speak>")
        )
    }

    @Test func controlCharactersAreDroppedSoTheDocumentStaysXML() {
        #expect(SSML.escape("a\u{0}b\u{1B}c\u{85}d") == "abcd")
        #expect(SSML.escape("line\nbreak\ttab") == "line\nbreak\ttab")
    }
}
