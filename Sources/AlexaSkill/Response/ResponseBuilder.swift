import SkillSupport

/// Builds a ``ResponseEnvelope`` step by step; each method returns a changed copy.
///
/// ```swift
/// let envelope = ResponseBuilder()
///     .speak("It's 7 degrees & raining.")
///     .reprompt("Anything else?")
///     .shouldEndSession(false)
///     .build()
/// ```
public struct ResponseBuilder: Sendable {
    private var envelope: ResponseEnvelope

    /// Starts from an empty response with no session attributes.
    public init() {
        envelope = ResponseEnvelope()
    }

    /// Speaks plain text as SSML: the text is escaped and wrapped in `<speak>`.
    public func speak(_ text: String) -> ResponseBuilder {
        changing { $0.response.outputSpeech = .ssml(SSML.speak(text: text)) }
    }

    /// Speaks text as `PlainText` output speech, without SSML.
    public func speakPlainText(_ text: String) -> ResponseBuilder {
        changing { $0.response.outputSpeech = .plainText(text) }
    }

    /// Speaks SSML markup as given (not escaped), wrapped in `<speak>` unless it already is.
    public func ssml(_ markup: String) -> ResponseBuilder {
        changing { $0.response.outputSpeech = .ssml(SSML.wrap(markup: markup)) }
    }

    /// Sets the reprompt from plain text, escaped into SSML like ``speak(_:)``.
    public func reprompt(_ text: String) -> ResponseBuilder {
        changing { $0.response.reprompt = Reprompt(outputSpeech: .ssml(SSML.speak(text: text))) }
    }

    /// Sets the reprompt from SSML markup, as given.
    public func repromptSSML(_ markup: String) -> ResponseBuilder {
        changing { $0.response.reprompt = Reprompt(outputSpeech: .ssml(SSML.wrap(markup: markup))) }
    }

    /// Shows a Simple card (title and plain-text content).
    public func simpleCard(title: String, content: String) -> ResponseBuilder {
        changing { $0.response.card = .simple(title: title, content: content) }
    }

    /// Shows a Standard card; give both image URLs (HTTPS) or neither.
    public func standardCard(
        title: String,
        text: String,
        smallImageURL: String? = nil,
        largeImageURL: String? = nil
    ) -> ResponseBuilder {
        let hasImage = smallImageURL != nil || largeImageURL != nil
        let image = hasImage ? CardImage(smallImageUrl: smallImageURL, largeImageUrl: largeImageURL) : nil
        return changing { $0.response.card = .standard(title: title, text: text, image: image) }
    }

    /// Shows the LinkAccount card, which starts account linking in the Alexa app.
    public func linkAccountCard() -> ResponseBuilder {
        changing { $0.response.card = .linkAccount }
    }

    /// Shows an AskForPermissionsConsent card for the given permission scopes.
    public func askForPermissionsConsentCard(permissions: [String]) -> ResponseBuilder {
        changing { $0.response.card = .askForPermissionsConsent(permissions: permissions) }
    }

    /// Appends a directive; it is encoded exactly as given.
    public func addDirective(_ directive: JSONValue) -> ResponseBuilder {
        changing { $0.response.directives.append(directive) }
    }

    /// Sets `shouldEndSession`; nil leaves it out of the JSON.
    public func shouldEndSession(_ value: Bool?) -> ResponseBuilder {
        changing { $0.response.shouldEndSession = value }
    }

    /// Replaces all session attributes.
    public func sessionAttributes(_ attributes: [String: JSONValue]) -> ResponseBuilder {
        changing { $0.sessionAttributes = attributes }
    }

    /// Sets one session attribute.
    public func sessionAttribute(_ key: String, _ value: JSONValue) -> ResponseBuilder {
        changing { $0.sessionAttributes[key] = value }
    }

    /// The finished envelope.
    public func build() -> ResponseEnvelope {
        envelope
    }

    private func changing(_ change: (inout ResponseEnvelope) -> Void) -> ResponseBuilder {
        var copy = self
        change(&copy.envelope)
        return copy
    }
}

extension ResponseBuilder {
    /// Speaks and ends the session.
    public static func tell(_ text: String) -> ResponseBuilder {
        ResponseBuilder().speak(text).shouldEndSession(true)
    }

    /// Speaks, sets a reprompt, and keeps the session open for the answer.
    public static func ask(_ text: String, reprompt: String) -> ResponseBuilder {
        ResponseBuilder().speak(text).reprompt(reprompt).shouldEndSession(false)
    }
}
