import Foundation

/// `request.timestamp` as sent, plus its value when it is valid ISO 8601.
///
/// A timestamp that does not parse does not fail the envelope decode: ``date`` is nil and the raw text is kept.
/// Whoever checks request freshness (signature verification, Alexa's 150-second rule) must treat a nil
/// date as a rejection.
public struct AlexaTimestamp: Sendable, Hashable, Decodable, CustomStringConvertible {
    /// The text exactly as it appeared in the request.
    public let rawValue: String
    /// The instant, or nil when `rawValue` is not an ISO 8601 date-time.
    public let date: Date?

    public init(rawValue: String) {
        self.rawValue = rawValue
        self.date = Self.parse(rawValue)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(rawValue: try container.decode(String.self))
    }

    public var description: String { rawValue }

    /// The instant, throwing when the text is not ISO 8601.
    public func requireDate() throws(RequestDecodingError) -> Date {
        guard let date else {
            throw RequestDecodingError(code: .invalidTimestamp, field: "request.timestamp")
        }
        return date
    }

    /// Parses `2015-05-13T12:34:56Z` and `2018-04-25T13:17:12.624Z` (Alexa sends both forms).
    static func parse(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: false).parse(text) {
            return date
        }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }
}
