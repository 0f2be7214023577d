import Foundation

/// The on-disk format read by `ConditionsFileWeatherProvider`:
///
/// ```json
/// {
///   "defaultCity": "Seattle",
///   "cities": {
///     "Seattle": {
///       "temperatureCelsius": 7.2, "apparentTemperatureCelsius": 4.6,
///       "precipitationMillimetres": 1.4, "snowfallCentimetres": 0,
///       "windSpeedKilometresPerHour": 14.8, "weatherCode": 63,
///       "observedAt": "2026-12-03T18:00:00Z"
///     }
///   }
/// }
/// ```
///
/// Keys of `cities` are the names spoken back. `defaultCity`, `precipitationMillimetres`,
/// `snowfallCentimetres`, `windSpeedKilometresPerHour`, `weatherCode` (0) and `observedAt`
/// may be left out; unknown keys are ignored so a file can carry comments such as `"_note"`.
struct ConditionsFile: Decodable {
    var defaultCity: String?
    var cities: [String: Entry]

    struct Entry: Decodable {
        var temperatureCelsius: Double
        var apparentTemperatureCelsius: Double
        var precipitationMillimetres: Double?
        var snowfallCentimetres: Double?
        var windSpeedKilometresPerHour: Double?
        var weatherCode: Int?
        var observedAt: String?
    }
}
