/// What is falling, read from the WMO 4677 code and the measured amounts.
public enum Precipitation: String, Sendable, CaseIterable {
    /// Nothing measurable.
    case none
    /// Drizzle, rain, showers or thunderstorms.
    case rain
    /// Snow, snow grains or snow showers; wins over rain when both fall (sleet needs boots, not an umbrella).
    case snow

    /// The smallest amount Open-Meteo reports (0.1 mm) counts as rain even under a dry weather code.
    static let measurableMillimetres = 0.1

    /// What is falling in `conditions`.
    public init(_ conditions: WeatherConditions) {
        if conditions.snowfallCentimetres > 0 || WMOCode.isSnow(conditions.weatherCode) {
            self = .snow
        } else if WMOCode.isRain(conditions.weatherCode)
            || conditions.precipitationMillimetres >= Self.measurableMillimetres
        {
            self = .rain
        } else {
            self = .none
        }
    }
}

/// Groups of WMO 4677 present-weather codes as Open-Meteo uses them.
enum WMOCode {
    static func isSnow(_ code: Int) -> Bool {
        (71...77).contains(code) || code == 85 || code == 86
    }

    /// Drizzle (51-57), rain (61-67), rain showers (80-82) and thunderstorms (95-99).
    static func isRain(_ code: Int) -> Bool {
        (51...67).contains(code) || (80...82).contains(code) || (95...99).contains(code)
    }

    static func isDrizzle(_ code: Int) -> Bool { (51...57).contains(code) }

    static func isThunderstorm(_ code: Int) -> Bool { (95...99).contains(code) }

    static func isFog(_ code: Int) -> Bool { code == 45 || code == 48 }
}
