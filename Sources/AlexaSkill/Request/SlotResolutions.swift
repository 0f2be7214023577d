/// `slot.resolutions`: entity resolution results, one entry per authority.
public struct SlotResolutions: Sendable, Decodable {
    public var resolutionsPerAuthority: [SlotResolution]

    public init(resolutionsPerAuthority: [SlotResolution]) {
        self.resolutionsPerAuthority = resolutionsPerAuthority
    }

    private enum CodingKeys: String, CodingKey {
        case resolutionsPerAuthority
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        resolutionsPerAuthority =
            try container.decodeIfPresent([SlotResolution].self, forKey: .resolutionsPerAuthority) ?? []
    }
}

/// One authority's answer: a status and, on a match, the matching values.
public struct SlotResolution: Sendable, Decodable {
    public var authority: String?
    public var status: ResolutionStatus
    /// Empty unless the status is `ER_SUCCESS_MATCH`.
    public var values: [ResolvedValueEntry]

    public init(authority: String? = nil, status: ResolutionStatus, values: [ResolvedValueEntry] = []) {
        self.authority = authority
        self.status = status
        self.values = values
    }

    private enum CodingKeys: String, CodingKey {
        case authority, status, values
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        authority = try container.decodeIfPresent(String.self, forKey: .authority)
        status = try container.decode(ResolutionStatus.self, forKey: .status)
        values = try container.decodeIfPresent([ResolvedValueEntry].self, forKey: .values) ?? []
    }
}

/// `status` of an entity resolution.
public struct ResolutionStatus: Sendable, Decodable, Hashable {
    public var code: ResolutionStatusCode

    public init(code: ResolutionStatusCode) {
        self.code = code
    }
}

/// `values[]` entry: a wrapper around the value, as Alexa nests it.
public struct ResolvedValueEntry: Sendable, Decodable, Hashable {
    public var value: ResolvedValue

    public init(value: ResolvedValue) {
        self.value = value
    }
}

/// A canonical slot value from the skill's slot type: its name and id.
public struct ResolvedValue: Sendable, Decodable, Hashable {
    public var name: String
    public var id: String?

    public init(name: String, id: String? = nil) {
        self.name = name
        self.id = id
    }
}
