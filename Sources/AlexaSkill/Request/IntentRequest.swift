import Foundation

/// The intent-specific members of an `IntentRequest`.
public struct IntentRequest: Sendable, Decodable {
    public var intent: Intent
    /// Present when the intent has a dialog model: STARTED, IN_PROGRESS or COMPLETED.
    public var dialogState: DialogState?

    public init(intent: Intent, dialogState: DialogState? = nil) {
        self.intent = intent
        self.dialogState = dialogState
    }
}

/// `request.intent`: the intent name and its slots.
public struct Intent: Sendable, Decodable {
    public var name: String
    public var confirmationStatus: ConfirmationStatus?
    /// Slots by name; a slot the user did not fill is present without a value.
    public var slots: [String: Slot]

    public init(name: String, confirmationStatus: ConfirmationStatus? = nil, slots: [String: Slot] = [:]) {
        self.name = name
        self.confirmationStatus = confirmationStatus
        self.slots = slots
    }

    private enum CodingKeys: String, CodingKey {
        case name, confirmationStatus, slots
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        confirmationStatus = try container.decodeIfPresent(ConfirmationStatus.self, forKey: .confirmationStatus)
        slots = try container.decodeIfPresent([String: Slot].self, forKey: .slots) ?? [:]
    }

    /// The spoken value of a slot, trimmed; nil when the slot is absent, unfilled or blank.
    public func slotValue(_ name: String) -> String? {
        guard let value = slots[name]?.value?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty
        else { return nil }
        return value
    }
}

/// `request.intent.slots.<name>`.
public struct Slot: Sendable, Decodable {
    public var name: String
    /// What the user said, as Alexa heard it; nil when the slot was not filled.
    public var value: String?
    public var confirmationStatus: ConfirmationStatus?
    /// Entity resolution results for custom slot types with synonyms.
    public var resolutions: SlotResolutions?

    public init(
        name: String,
        value: String? = nil,
        confirmationStatus: ConfirmationStatus? = nil,
        resolutions: SlotResolutions? = nil
    ) {
        self.name = name
        self.value = value
        self.confirmationStatus = confirmationStatus
        self.resolutions = resolutions
    }

    /// The first value of the first authority whose status is `ER_SUCCESS_MATCH`.
    public var resolvedValue: ResolvedValue? {
        let matching = resolutions?.resolutionsPerAuthority.first { $0.status.code == .successMatch }
        return matching?.values.first?.value
    }
}
