import Foundation

/// The weather at one place right now, in metric units whatever the listener's locale;
/// `ClothingAdvisor` converts for speech.
public struct WeatherConditions: Sendable, Equatable {
    /// The place name to speak back, e.g. "Seattle" (the geocoder's or the conditions file's spelling).
    public var place: String
    /// Air temperature 2 m above ground, in degrees Celsius.
    public var temperatureCelsius: Double
    /// The temperature it feels like (wind chill, humidity), in degrees Celsius.
    public var apparentTemperatureCelsius: Double
    /// Precipitation of any kind (rain, showers and the water equivalent of snow), in millimetres.
    public var precipitationMillimetres: Double
    /// Fresh snow, in centimetres.
    public var snowfallCentimetres: Double
    /// Wind speed 10 m above ground, in kilometres per hour.
    public var windSpeedKilometresPerHour: Double
    /// The WMO 4677 present-weather code as Open-Meteo reports it (0 clear, 61 rain, 71 snow, ...).
    public var weatherCode: Int
    /// When the values were observed or modelled, if known.
    public var observedAt: Date?

    /// Conditions with nothing falling, no wind and a clear sky unless stated.
    public init(
        place: String,
        temperatureCelsius: Double,
        apparentTemperatureCelsius: Double,
        precipitationMillimetres: Double = 0,
        snowfallCentimetres: Double = 0,
        windSpeedKilometresPerHour: Double = 0,
        weatherCode: Int = 0,
        observedAt: Date? = nil
    ) {
        self.place = place
        self.temperatureCelsius = temperatureCelsius
        self.apparentTemperatureCelsius = apparentTemperatureCelsius
        self.precipitationMillimetres = precipitationMillimetres
        self.snowfallCentimetres = snowfallCentimetres
        self.windSpeedKilometresPerHour = windSpeedKilometresPerHour
        self.weatherCode = weatherCode
        self.observedAt = observedAt
    }
}
