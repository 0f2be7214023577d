import Foundation

/// A custom skill's interaction model in the skill-package format
/// (`skill-package/interactionModels/custom/<locale>.json`).
///
/// Members not modelled here (such as `modelConfiguration`) are ignored.
public struct InteractionModel: Sendable, Codable, Equatable {
    /// The top-level `interactionModel` member.
    public var interactionModel: Body

    /// Creates a model in code.
    public init(interactionModel: Body) {
        self.interactionModel = interactionModel
    }

    /// Decodes a model file.
    public static func decode(_ data: Data) throws -> InteractionModel {
        try JSONDecoder().decode(InteractionModel.self, from: data)
    }

    /// `interactionModel`: the language model plus optional dialog model and prompts.
    public struct Body: Sendable, Codable, Equatable {
        public var languageModel: LanguageModel
        public var dialog: Dialog?
        public var prompts: [Prompt]?

        public init(languageModel: LanguageModel, dialog: Dialog? = nil, prompts: [Prompt]? = nil) {
            self.languageModel = languageModel
            self.dialog = dialog
            self.prompts = prompts
        }
    }
}

/// `languageModel`: the invocation name, intents and custom slot types.
public struct LanguageModel: Sendable, Codable, Equatable {
    public var invocationName: String
    public var intents: [ModelIntent]
    public var types: [SlotType]?

    public init(invocationName: String, intents: [ModelIntent], types: [SlotType]? = nil) {
        self.invocationName = invocationName
        self.intents = intents
        self.types = types
    }

    /// The intent with this name, if the model declares it.
    public func intent(named name: String) -> ModelIntent? {
        intents.first { $0.name == name }
    }
}

/// An intent declaration: name, slots and sample utterances (empty for most built-in intents).
public struct ModelIntent: Sendable, Codable, Equatable {
    public var name: String
    public var slots: [ModelSlot]?
    public var samples: [String]?

    public init(name: String, slots: [ModelSlot]? = nil, samples: [String]? = nil) {
        self.name = name
        self.slots = slots
        self.samples = samples
    }
}

/// A slot of an intent: its name, its type (`AMAZON.City` or a custom type) and slot-filling samples.
public struct ModelSlot: Sendable, Codable, Equatable {
    public var name: String
    public var type: String
    public var samples: [String]?

    public init(name: String, type: String, samples: [String]? = nil) {
        self.name = name
        self.type = type
        self.samples = samples
    }
}

/// A custom slot type and its values.
public struct SlotType: Sendable, Codable, Equatable {
    public var name: String
    public var values: [SlotTypeValue]?

    public init(name: String, values: [SlotTypeValue]? = nil) {
        self.name = name
        self.values = values
    }
}

/// One value of a custom slot type: optional id, the canonical name and synonyms.
public struct SlotTypeValue: Sendable, Codable, Equatable {
    public var id: String?
    public var name: Name

    public init(id: String? = nil, name: Name) {
        self.id = id
        self.name = name
    }

    public struct Name: Sendable, Codable, Equatable {
        public var value: String
        public var synonyms: [String]?

        public init(value: String, synonyms: [String]? = nil) {
            self.value = value
            self.synonyms = synonyms
        }
    }
}
