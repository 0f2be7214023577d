/// Why a `WeatherProvider` has no conditions to give.
public struct WeatherError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The geocoder (or the conditions file) knows no place by that name.
        case cityNotFound = "city_not_found"
        /// The weather service did not answer in time, could not be reached, or failed (5xx, 429).
        case unavailable
        /// The weather service answered with something this code cannot use.
        case badResponse = "bad_response"
    }

    /// What went wrong, for code to branch on and logs to count.
    public var code: Code
    /// The city that was asked for, as given.
    public var city: String
    /// A description safe to log: never a URL query or a response body.
    public var detail: String

    /// An error about `city`; `detail` must be safe to log.
    public init(_ code: Code, city: String, _ detail: String = "") {
        self.code = code
        self.city = city
        self.detail = detail
    }

    public var description: String { detail.isEmpty ? code.rawValue : "\(code.rawValue): \(detail)" }
}
