import SkillSupport

/// `interactionModel.dialog`: which slots Alexa elicits or confirms, and with which prompts.
public struct Dialog: Sendable, Codable, Equatable {
    public var delegationStrategy: String?
    public var intents: [DialogIntent]

    public init(delegationStrategy: String? = nil, intents: [DialogIntent]) {
        self.delegationStrategy = delegationStrategy
        self.intents = intents
    }
}

/// The dialog rules of one intent.
public struct DialogIntent: Sendable, Codable, Equatable {
    public var name: String
    public var confirmationRequired: Bool?
    public var delegationStrategy: String?
    /// Prompt ids by purpose, such as `confirmation`.
    public var prompts: [String: String]?
    public var slots: [DialogSlot]?

    public init(
        name: String,
        confirmationRequired: Bool? = nil,
        delegationStrategy: String? = nil,
        prompts: [String: String]? = nil,
        slots: [DialogSlot]? = nil
    ) {
        self.name = name
        self.confirmationRequired = confirmationRequired
        self.delegationStrategy = delegationStrategy
        self.prompts = prompts
        self.slots = slots
    }
}

/// The dialog rules of one slot.
public struct DialogSlot: Sendable, Codable, Equatable {
    public var name: String
    public var type: String
    public var elicitationRequired: Bool?
    public var confirmationRequired: Bool?
    /// Prompt ids by purpose, such as `elicitation` or `confirmation`.
    public var prompts: [String: String]?
    /// Validation rules, kept as raw JSON.
    public var validations: [JSONValue]?

    public init(
        name: String,
        type: String,
        elicitationRequired: Bool? = nil,
        confirmationRequired: Bool? = nil,
        prompts: [String: String]? = nil,
        validations: [JSONValue]? = nil
    ) {
        self.name = name
        self.type = type
        self.elicitationRequired = elicitationRequired
        self.confirmationRequired = confirmationRequired
        self.prompts = prompts
        self.validations = validations
    }
}

/// `interactionModel.prompts[]`: a prompt id and the wordings Alexa picks from.
public struct Prompt: Sendable, Codable, Equatable {
    public var id: String
    public var variations: [Variation]

    public init(id: String, variations: [Variation]) {
        self.id = id
        self.variations = variations
    }

    /// One wording: `type` is `PlainText` or `SSML`.
    public struct Variation: Sendable, Codable, Equatable {
        public var type: String
        public var value: String

        public init(type: String, value: String) {
            self.type = type
            self.value = value
        }
    }
}
