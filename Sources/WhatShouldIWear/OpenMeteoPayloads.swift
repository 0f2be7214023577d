import Foundation

/// The parts of a geocoding answer (`GET /v1/search`) this skill reads. Open-Meteo omits
/// `results` entirely when nothing matches.
struct GeocodingAnswer: Decodable {
    var results: [GeocodedPlace]?
}

/// One geocoding match.
struct GeocodedPlace: Decodable, Sendable, Equatable {
    var name: String
    var latitude: Double
    var longitude: Double
    var timezone: String?
    var country: String?
}

/// The parts of a forecast answer (`GET /v1/forecast?current=...`) this skill reads.
struct ForecastAnswer: Decodable {
    var utcOffsetSeconds: Int?
    var currentUnits: [String: String]?
    var current: CurrentValues

    enum CodingKeys: String, CodingKey {
        case utcOffsetSeconds = "utc_offset_seconds"
        case currentUnits = "current_units"
        case current
    }
}

/// The `current` block; a null in any value the advice needs makes the answer unusable.
struct CurrentValues: Decodable {
    var time: String?
    var temperature: Double
    var apparentTemperature: Double
    var precipitation: Double
    var snowfall: Double
    var weatherCode: Int
    var windSpeed: Double

    enum CodingKeys: String, CodingKey {
        case time
        case temperature = "temperature_2m"
        case apparentTemperature = "apparent_temperature"
        case precipitation
        case snowfall
        case weatherCode = "weather_code"
        case windSpeed = "wind_speed_10m"
    }
}
