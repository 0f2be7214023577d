import Foundation
import SkillSupport

/// Current weather from Open-Meteo: the geocoding API turns the city into coordinates (first
/// match wins), then the forecast API gives the `current` values. No API key is needed.
///
/// Each request has its own short deadline (2 s by default), so a lookup, cache miss included,
/// stays well inside the 8 s Alexa waits for a skill's answer.
public final class OpenMeteoWeatherProvider: WeatherProvider {
    /// `https://api.open-meteo.com`.
    public static let defaultForecastBaseURL = staticURL("https://api.open-meteo.com")
    /// `https://geocoding-api.open-meteo.com`.
    public static let defaultGeocodingBaseURL = staticURL("https://geocoding-api.open-meteo.com")

    /// The `current` variables requested from `/v1/forecast`.
    static let currentVariables = [
        "temperature_2m", "apparent_temperature", "precipitation", "rain", "showers", "snowfall",
        "weather_code", "wind_speed_10m",
    ]

    /// Units the parser relies on; an answer stating others is refused rather than misread.
    private static let expectedUnits = [
        "temperature_2m": "°C", "apparent_temperature": "°C", "precipitation": "mm",
        "snowfall": "cm", "wind_speed_10m": "km/h",
    ]

    private let client: any HTTPClient
    private let forecastBaseURL: URL
    private let geocodingBaseURL: URL
    private let timeout: TimeInterval
    private let cache: GeocodingCache
    private let logger: Logger

    /// - Parameters:
    ///   - client: the outbound HTTP client (`URLSessionHTTPClient` in production).
    ///   - forecastBaseURL: where `/v1/forecast` lives; a path prefix is kept.
    ///   - geocodingBaseURL: where `/v1/search` lives; a path prefix is kept.
    ///   - timeout: the deadline for each of the two requests, in seconds.
    ///   - geocodingCacheCapacity: how many city lookups to remember; 0 turns the cache off.
    ///   - logger: receives one debug line per lookup and per failure.
    public init(
        client: any HTTPClient,
        forecastBaseURL: URL = OpenMeteoWeatherProvider.defaultForecastBaseURL,
        geocodingBaseURL: URL = OpenMeteoWeatherProvider.defaultGeocodingBaseURL,
        timeout: TimeInterval = 2,
        geocodingCacheCapacity: Int = 256,
        logger: Logger = .disabled
    ) {
        self.client = client
        self.forecastBaseURL = forecastBaseURL
        self.geocodingBaseURL = geocodingBaseURL
        self.timeout = timeout
        self.cache = GeocodingCache(capacity: geocodingCacheCapacity)
        self.logger = logger.named("weather.open-meteo")
    }

    public func currentConditions(for city: String) async throws(WeatherError) -> WeatherConditions {
        let place = try await locate(city)

        let items: [(String, String)] = [
            ("latitude", String(place.latitude)),
            ("longitude", String(place.longitude)),
            ("current", Self.currentVariables.joined(separator: ",")),
            ("timezone", place.timezone ?? "auto"),
            ("wind_speed_unit", "kmh"),
        ]
        guard let url = QueryString.url(base: forecastBaseURL, path: "/v1/forecast", items: items) else {
            throw WeatherError(.badResponse, city: city, "forecast base URL cannot take a query")
        }
        let body = try await fetch(url, service: "forecast", city: city)

        let answer: ForecastAnswer
        do {
            answer = try JSONDecoder().decode(ForecastAnswer.self, from: body)
        } catch {
            logger.debug("weather.forecast.undecodable", ["weather.service": "forecast"])
            throw WeatherError(.badResponse, city: city, "forecast answer is not the expected JSON")
        }
        try checkUnits(answer.currentUnits, city: city)

        let current = answer.current
        let observed = current.time.flatMap {
            OpenMeteoTime.date(local: $0, utcOffsetSeconds: answer.utcOffsetSeconds ?? 0)
        }
        let conditions = WeatherConditions(
            place: place.name,
            temperatureCelsius: current.temperature,
            apparentTemperatureCelsius: current.apparentTemperature,
            precipitationMillimetres: current.precipitation,
            snowfallCentimetres: current.snowfall,
            windSpeedKilometresPerHour: current.windSpeed,
            weatherCode: current.weatherCode,
            observedAt: observed
        )
        if let field = PlausibleRange.firstViolation(in: conditions) {
            throw WeatherError(.badResponse, city: city, "forecast gave an impossible \(field)")
        }
        logger.debug("weather.forecast.received", ["weather.code": String(current.weatherCode)])
        return conditions
    }

    /// Number of cities remembered by the geocoding cache.
    public var cachedPlaceCount: Int { cache.count }

    private func locate(_ city: String) async throws(WeatherError) -> GeocodedPlace {
        let cleaned = CityName.cleaned(city)
        guard !cleaned.isEmpty else {
            throw WeatherError(.cityNotFound, city: city, "empty city name")
        }
        let key = CityName.key(cleaned)
        if let known = cache.place(for: key) {
            logger.debug("weather.geocode.cache_hit")
            return known
        }

        let items = [("name", cleaned), ("count", "1"), ("language", "en"), ("format", "json")]
        guard let url = QueryString.url(base: geocodingBaseURL, path: "/v1/search", items: items) else {
            throw WeatherError(.badResponse, city: city, "geocoding base URL cannot take a query")
        }
        let body = try await fetch(url, service: "geocoding", city: city)

        let answer: GeocodingAnswer
        do {
            answer = try JSONDecoder().decode(GeocodingAnswer.self, from: body)
        } catch {
            logger.debug("weather.geocode.undecodable", ["weather.service": "geocoding"])
            throw WeatherError(.badResponse, city: city, "geocoding answer is not the expected JSON")
        }
        guard let first = answer.results?.first else {
            logger.debug("weather.geocode.not_found")
            throw WeatherError(.cityNotFound, city: city, "geocoder returned no match")
        }
        guard first.latitude.isFinite, first.longitude.isFinite,
            (-90...90).contains(first.latitude), (-180...180).contains(first.longitude)
        else {
            throw WeatherError(.badResponse, city: city, "geocoder returned impossible coordinates")
        }

        cache.store(first, for: key)
        return first
    }

    /// Sends a GET and returns the body of a 2xx answer. Timeouts, unreachable hosts, 5xx and 429
    /// (rate limiting) are `unavailable`: trying again later may work. Anything else is `badResponse`.
    private func fetch(_ url: URL, service: String, city: String) async throws(WeatherError) -> Data {
        let request = OutboundRequest(url: url, headers: ["Accept": "application/json"], timeout: timeout)
        let response: OutboundResponse
        do {
            response = try await client.send(request)
        } catch {
            logger.debug("weather.request.failed", ["weather.service": service, "http.error": error.code.rawValue])
            switch error.code {
            case .timeout, .unreachable:
                throw WeatherError(.unavailable, city: city, "\(service): \(error.code.rawValue)")
            case .responseTooLarge, .redirectRefused, .invalidResponse:
                throw WeatherError(.badResponse, city: city, "\(service): \(error.code.rawValue)")
            }
        }

        logger.debug("weather.request.answered", ["weather.service": service, "http.status": String(response.status)])
        switch response.status {
        case 200..<300:
            return response.body
        case 429, 500..<600:
            throw WeatherError(.unavailable, city: city, "\(service): status \(response.status)")
        default:
            throw WeatherError(.badResponse, city: city, "\(service): status \(response.status)")
        }
    }

    private func checkUnits(_ units: [String: String]?, city: String) throws(WeatherError) {
        guard let units else { return }
        for (variable, expected) in Self.expectedUnits {
            if let stated = units[variable], stated != expected {
                throw WeatherError(.badResponse, city: city, "\(variable) in \(stated), expected \(expected)")
            }
        }
    }

    /// A URL from a literal known to be valid; the fallback exists only so no path can trap.
    private static func staticURL(_ literal: String) -> URL {
        URL(string: literal) ?? URL(fileURLWithPath: "/")
    }
}
