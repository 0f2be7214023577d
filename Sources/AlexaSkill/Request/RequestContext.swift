import SkillSupport

/// `context`: the state of the device and of Alexa when the request was sent.
///
/// Only `System` is modelled; interface states such as `AudioPlayer` are ignored.
public struct RequestContext: Sendable, Decodable {
    public var system: SystemState?

    public init(system: SystemState?) {
        self.system = system
    }

    private enum CodingKeys: String, CodingKey {
        case system = "System"
    }
}

/// `context.System`: application, user, device and the Alexa API endpoint.
public struct SystemState: Sendable, Decodable {
    public var application: Application?
    public var user: User?
    public var device: Device?
    /// Base URL for Alexa APIs, such as `https://api.eu.amazonalexa.com`.
    public var apiEndpoint: String?
    /// Token for Alexa APIs (not the account-linking token).
    public var apiAccessToken: String?

    public init(
        application: Application? = nil,
        user: User? = nil,
        device: Device? = nil,
        apiEndpoint: String? = nil,
        apiAccessToken: String? = nil
    ) {
        self.application = application
        self.user = user
        self.device = device
        self.apiEndpoint = apiEndpoint
        self.apiAccessToken = apiAccessToken
    }
}

/// `context.System.device`.
public struct Device: Sendable, Decodable, Hashable {
    public var deviceId: String?
    /// The interfaces the device supports (`AudioPlayer`, `Display`, ...), kept as raw JSON.
    public var supportedInterfaces: JSONValue?

    public init(deviceId: String? = nil, supportedInterfaces: JSONValue? = nil) {
        self.deviceId = deviceId
        self.supportedInterfaces = supportedInterfaces
    }

    /// True when `supportedInterfaces` has a member with this name.
    public func supports(_ interface: String) -> Bool {
        supportedInterfaces?[interface] != nil
    }
}
