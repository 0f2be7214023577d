import AlexaSkill
import SkillSupport

/// The "What should I wear" skill: its intents, their scope requirements and their handlers,
/// assembled into a `SkillRouter`.
public struct WhatShouldIWearSkill: Sendable {
    /// The intent that answers from the weather.
    public static let intentName = "WhatShouldIWearIntent"
    /// The slot naming the city, of type AMAZON.City.
    public static let citySlot = "city"
    /// The OAuth scope a linked account needs for weather advice unless configured otherwise.
    public static let defaultScopeRequirements: [String: Set<String>] = [intentName: ["read:weather"]]

    public var weather: any WeatherProvider
    /// The city used when the request names none; nil makes the skill ask.
    public var defaultCity: String?
    public var scopeRequirements: [String: Set<String>]
    public var advisor: ClothingAdvisor

    public init(
        weather: any WeatherProvider,
        defaultCity: String? = nil,
        scopeRequirements: [String: Set<String>] = WhatShouldIWearSkill.defaultScopeRequirements,
        advisor: ClothingAdvisor = ClothingAdvisor()
    ) {
        self.weather = weather
        self.defaultCity = defaultCity
        self.scopeRequirements = scopeRequirements
        self.advisor = advisor
    }

    /// A router with every handler of the skill registered.
    public func router(tokenChecker: (any AccessTokenChecker)?, logger: Logger) -> SkillRouter {
        var router = SkillRouter(scopeRequirements: scopeRequirements, tokenChecker: tokenChecker, logger: logger)
        router.onLaunch { _ in
            ResponseBuilder.ask(SkillPhrases.welcome, reprompt: SkillPhrases.welcomeReprompt).build()
        }
        router.onIntent(Self.intentName) { intent, context in
            await answer(intent: intent, context: context)
        }
        router.onIntent("AMAZON.HelpIntent") { _, _ in
            ResponseBuilder.ask(SkillPhrases.help, reprompt: SkillPhrases.helpReprompt).build()
        }
        router.onIntents(["AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent"]) { _, _ in
            ResponseBuilder.tell(SkillPhrases.goodbye).build()
        }
        router.onIntent("AMAZON.FallbackIntent") { _, _ in
            ResponseBuilder.ask(SkillPhrases.fallback, reprompt: SkillPhrases.helpReprompt).build()
        }
        router.onSessionEnded { request, context in
            context.logger.debug(
                "skill.session.ended",
                ["alexa.session_end.reason": request.reason?.rawValue ?? "none"]
            )
        }
        return router
    }

    /// Looks up the weather for the named (or default) city and turns it into advice.
    func answer(intent: Intent, context: SkillContext) async -> ResponseEnvelope {
        guard let city = intent.slotValue(Self.citySlot) ?? defaultCity else {
            return ResponseBuilder.ask(SpokenPhrases.whichCity, reprompt: SpokenPhrases.whichCity).build()
        }
        do {
            let conditions = try await weather.currentConditions(for: city)
            let advice = advisor.advice(for: conditions, locale: context.locale)
            return ResponseBuilder.tell(advice)
                .simpleCard(title: "\(SkillPhrases.cardTitle): \(conditions.place)", content: advice)
                .build()
        } catch {
            context.logger.debug("skill.weather.failed", ["weather.error": error.code.rawValue])
            return ResponseBuilder.tell(advisor.message(for: error)).build()
        }
    }
}
