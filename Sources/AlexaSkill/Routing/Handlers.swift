import SkillSupport

/// Answers a `LaunchRequest`, or any request the fallback handler receives.
public typealias RequestHandler = @Sendable (SkillContext) async throws -> ResponseEnvelope

/// Answers one intent.
public typealias IntentHandler = @Sendable (Intent, SkillContext) async throws -> ResponseEnvelope

/// Observes a `SessionEndedRequest` (to clean up or log). Alexa accepts no reply, so it returns nothing.
public typealias SessionEndedHandler = @Sendable (SessionEndedRequest, SkillContext) async throws -> Void

/// Answers a request type the module does not model, given its `type` and whole `request` object.
public typealias UnsupportedRequestHandler =
    @Sendable (_ type: String, _ payload: JSONValue, SkillContext) async throws -> ResponseEnvelope
