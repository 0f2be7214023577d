/// Bounds beyond the recorded extremes of surface weather: a value outside them is a typing
/// mistake or a broken answer, never weather, and is refused before any advice is built.
enum PlausibleRange {
    static let temperatureCelsius: ClosedRange<Double> = -90...60
    static let apparentTemperatureCelsius: ClosedRange<Double> = -120...80
    static let precipitationMillimetres: ClosedRange<Double> = 0...500
    static let snowfallCentimetres: ClosedRange<Double> = 0...500
    static let windSpeedKilometresPerHour: ClosedRange<Double> = 0...500
    /// WMO 4677 present-weather codes run from 00 to 99.
    static let weatherCode: ClosedRange<Int> = 0...99

    /// The name of the first field of `conditions` that is out of range, or nil when all fit.
    static func firstViolation(in conditions: WeatherConditions) -> String? {
        if !temperatureCelsius.contains(conditions.temperatureCelsius) { return "temperature" }
        if !apparentTemperatureCelsius.contains(conditions.apparentTemperatureCelsius) {
            return "apparent temperature"
        }
        if !precipitationMillimetres.contains(conditions.precipitationMillimetres) { return "precipitation" }
        if !snowfallCentimetres.contains(conditions.snowfallCentimetres) { return "snowfall" }
        if !windSpeedKilometresPerHour.contains(conditions.windSpeedKilometresPerHour) { return "wind speed" }
        if !weatherCode.contains(conditions.weatherCode) { return "weather code" }
        return nil
    }
}
