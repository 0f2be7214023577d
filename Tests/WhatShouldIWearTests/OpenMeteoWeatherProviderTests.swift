import Foundation
import SkillSupport
import Testing
import WhatShouldIWear

@Suite("Open-Meteo provider")
struct OpenMeteoWeatherProviderTests {
    static let current =
        "current=temperature_2m,apparent_temperature,precipitation,rain,showers,snowfall,weather_code,wind_speed_10m"

    @Test("geocodes, then reads the current conditions of the first match")
    func seattle() async throws {
        let client = try ScriptedHTTPClient(geocoding: "geocoding-seattle.json", forecast: "forecast-seattle.json")
        let provider = OpenMeteoWeatherProvider(client: client)

        let conditions = try await provider.currentConditions(for: "Seattle")

        #expect(conditions.place == "Seattle")
        #expect(conditions.temperatureCelsius == 7.2)
        #expect(conditions.apparentTemperatureCelsius == 4.6)
        #expect(conditions.precipitationMillimetres == 1.4)
        #expect(conditions.snowfallCentimetres == 0)
        #expect(conditions.windSpeedKilometresPerHour == 14.8)
        #expect(conditions.weatherCode == 63)
        // 10:45 local at UTC-8 is 18:45 UTC.
        #expect(conditions.observedAt == Date(timeIntervalSince1970: 1_796_323_500))
        #expect(
            ClothingAdvisor().advice(for: conditions, locale: "en-GB")
                == "It's 7 degrees and raining in Seattle: wear a warm waterproof jacket and take an umbrella."
        )

        #expect(
            client.urls == [
                "https://geocoding-api.open-meteo.com/v1/search?name=Seattle&count=1&language=en&format=json",
                "https://api.open-meteo.com/v1/forecast?latitude=47.60621&longitude=-122.33207&\(Self.current)"
                    + "&timezone=America/Los_Angeles&wind_speed_unit=kmh",
            ]
        )
        #expect(client.requests.allSatisfy { $0.method == "GET" && $0.timeout == 2 })
        #expect(client.requests.allSatisfy { $0.headers["Accept"] == "application/json" })
    }

    @Test(
        "the city is percent-encoded as one query value",
        arguments: [
            ("São Paulo", "name=S%C3%A3o%20Paulo&"),
            ("New York", "name=New%20York&"),
            ("  new   york ", "name=new%20york&"),
            ("A&B=C+D?#", "name=A%26B%3DC%2BD%3F%23&"),
            ("100%", "name=100%25&"),
        ]
    )
    func encoding(_ city: String, _ expected: String) async throws {
        let client = try ScriptedHTTPClient(geocoding: "geocoding-sao-paulo.json", forecast: "forecast-sao-paulo.json")
        let provider = OpenMeteoWeatherProvider(client: client)

        _ = try await provider.currentConditions(for: city)

        let search = try #require(client.requests.first?.url)
        #expect(search.path == "/v1/search")
        #expect(search.query?.hasPrefix(expected) == true, "\(search.absoluteString)")
        #expect(
            URLComponents(url: search, resolvingAgainstBaseURL: false)?.queryItems?.first?.value
                == expectedName(city)
        )
    }

    @Test("São Paulo: the place name comes back with its accent; negative coordinates pass through")
    func saoPaulo() async throws {
        let client = try ScriptedHTTPClient(geocoding: "geocoding-sao-paulo.json", forecast: "forecast-sao-paulo.json")
        let conditions = try await OpenMeteoWeatherProvider(client: client).currentConditions(for: "sao paulo")

        #expect(conditions.place == "São Paulo")
        #expect(conditions.temperatureCelsius == 28.4)
        #expect(client.urls.last?.contains("latitude=-23.5475&longitude=-46.63611&") == true)
        #expect(client.urls.last?.contains("&timezone=America/Sao_Paulo&") == true)
    }

    @Test("New York snow, spoken in Fahrenheit")
    func newYork() async throws {
        let client = try ScriptedHTTPClient(geocoding: "geocoding-new-york.json", forecast: "forecast-new-york.json")
        let conditions = try await OpenMeteoWeatherProvider(client: client).currentConditions(for: "New York")

        #expect(
            ClothingAdvisor().advice(for: conditions, locale: "en-US")
                == "It's 30 degrees and snowing in New York, but it feels like 20: "
                + "wear a heavy winter coat, a hat, gloves and waterproof boots."
        )
    }

    @Test("configured base URLs keep their path prefix")
    func baseURLs() async throws {
        let client = try ScriptedHTTPClient(geocoding: "geocoding-seattle.json", forecast: "forecast-seattle.json")
        let provider = OpenMeteoWeatherProvider(
            client: client,
            forecastBaseURL: try #require(URL(string: "http://127.0.0.1:8081/forecast-api/")),
            geocodingBaseURL: try #require(URL(string: "http://127.0.0.1:8082")),
            timeout: 0.5
        )

        _ = try await provider.currentConditions(for: "Seattle")

        #expect(client.urls.first?.hasPrefix("http://127.0.0.1:8082/v1/search?name=Seattle&") == true)
        #expect(client.urls.last?.hasPrefix("http://127.0.0.1:8081/forecast-api/v1/forecast?latitude=") == true)
        #expect(client.requests.allSatisfy { $0.timeout == 0.5 })
    }

    @Test("a base URL that already has a query is refused, not merged")
    func baseURLWithQuery() async throws {
        let client = try ScriptedHTTPClient(geocoding: "geocoding-seattle.json", forecast: "forecast-seattle.json")
        let provider = OpenMeteoWeatherProvider(
            client: client,
            geocodingBaseURL: try #require(URL(string: "http://127.0.0.1:8082/?key=1"))
        )
        #expect(await lookupError(provider, "Seattle")?.code == .badResponse)
        #expect(client.requests.isEmpty)
    }

    @Test("geocoding results are cached by normalised name")
    func cache() async throws {
        let client = try ScriptedHTTPClient(geocoding: "geocoding-seattle.json", forecast: "forecast-seattle.json")
        let provider = OpenMeteoWeatherProvider(client: client)

        _ = try await provider.currentConditions(for: "Seattle")
        _ = try await provider.currentConditions(for: "  SEATTLE ")

        #expect(client.requests.map(\.url.path) == ["/v1/search", "/v1/forecast", "/v1/forecast"])
        #expect(provider.cachedPlaceCount == 1)
    }

    @Test("a cache of capacity 0 geocodes every time")
    func noCache() async throws {
        let client = try ScriptedHTTPClient(geocoding: "geocoding-seattle.json", forecast: "forecast-seattle.json")
        let provider = OpenMeteoWeatherProvider(client: client, geocodingCacheCapacity: 0)

        _ = try await provider.currentConditions(for: "Seattle")
        _ = try await provider.currentConditions(for: "Seattle")

        #expect(client.requests.map(\.url.path) == ["/v1/search", "/v1/forecast", "/v1/search", "/v1/forecast"])
    }

    @Test("no geocoding match is cityNotFound, and the forecast is never asked")
    func notFound() async throws {
        let client = try ScriptedHTTPClient(geocoding: "geocoding-no-results.json", forecast: "forecast-seattle.json")
        let error = await lookupError(OpenMeteoWeatherProvider(client: client), "Atlantis")

        #expect(error?.code == .cityNotFound)
        #expect(error?.city == "Atlantis")
        #expect(client.requests.map(\.url.path) == ["/v1/search"])
    }

    @Test("an empty results list is cityNotFound too")
    func emptyResults() async throws {
        let client = ScriptedHTTPClient([
            "/v1/search": .respond(status: 200, body: Data(#"{"results":[],"generationtime_ms":0.3}"#.utf8))
        ])
        #expect(await lookupError(OpenMeteoWeatherProvider(client: client), "Atlantis")?.code == .cityNotFound)
    }

    @Test("a blank city is cityNotFound without any request", arguments: ["", "   ", "\n\t"])
    func blankCity(_ city: String) async {
        let client = ScriptedHTTPClient([:])
        #expect(await lookupError(OpenMeteoWeatherProvider(client: client), city)?.code == .cityNotFound)
        #expect(client.requests.isEmpty)
    }

    @Test(
        "transport failures",
        arguments: [
            (HTTPClientError.Code.timeout, WeatherError.Code.unavailable),
            (.unreachable, .unavailable),
            (.responseTooLarge, .badResponse),
            (.redirectRefused, .badResponse),
            (.invalidResponse, .badResponse),
        ]
    )
    func transport(_ failure: HTTPClientError.Code, _ expected: WeatherError.Code) async throws {
        let geocodingFails = ScriptedHTTPClient(["/v1/search": .fail(failure)])
        #expect(await lookupError(OpenMeteoWeatherProvider(client: geocodingFails), "Seattle")?.code == expected)

        let forecastFails = ScriptedHTTPClient([
            "/v1/search": .respond(status: 200, body: try RepositoryFiles.openMeteo("geocoding-seattle.json")),
            "/v1/forecast": .fail(failure),
        ])
        #expect(await lookupError(OpenMeteoWeatherProvider(client: forecastFails), "Seattle")?.code == expected)
    }

    @Test(
        "HTTP status codes",
        arguments: [
            (500, WeatherError.Code.unavailable), (502, .unavailable), (503, .unavailable), (504, .unavailable),
            (429, .unavailable), (400, .badResponse), (404, .badResponse), (301, .badResponse),
        ]
    )
    func status(_ status: Int, _ expected: WeatherError.Code) async throws {
        let body = try RepositoryFiles.openMeteo("geocoding-error-400.json")
        let geocodingFails = ScriptedHTTPClient(["/v1/search": .respond(status: status, body: body)])
        #expect(await lookupError(OpenMeteoWeatherProvider(client: geocodingFails), "Seattle")?.code == expected)

        let forecastFails = ScriptedHTTPClient([
            "/v1/search": .respond(status: 200, body: try RepositoryFiles.openMeteo("geocoding-seattle.json")),
            "/v1/forecast": .respond(status: status, body: Data(#"{"error":true,"reason":"x"}"#.utf8)),
        ])
        #expect(await lookupError(OpenMeteoWeatherProvider(client: forecastFails), "Seattle")?.code == expected)
    }

    @Test(
        "unusable forecast bodies are badResponse",
        arguments: ["forecast-truncated.json", "forecast-null-values.json", "forecast-fahrenheit-units.json"]
    )
    func badForecast(_ file: String) async throws {
        let client = try ScriptedHTTPClient(geocoding: "geocoding-seattle.json", forecast: file)
        #expect(await lookupError(OpenMeteoWeatherProvider(client: client), "Seattle")?.code == .badResponse)
    }

    @Test(
        "unusable geocoding bodies are badResponse",
        arguments: [
            "not json",
            #"{"results":{"name":"Seattle"}}"#,
            #"{"results":[{"name":"Seattle","latitude":"47.6","longitude":-122.3}]}"#,
            #"{"results":[{"name":"Nowhere","latitude":123.0,"longitude":0}]}"#,
        ]
    )
    func badGeocoding(_ body: String) async {
        let client = ScriptedHTTPClient(["/v1/search": .respond(status: 200, body: Data(body.utf8))])
        #expect(await lookupError(OpenMeteoWeatherProvider(client: client), "Seattle")?.code == .badResponse)
    }

    @Test("physically impossible values are refused")
    func impossibleValues() async throws {
        let text = try #require(String(data: try RepositoryFiles.openMeteo("forecast-seattle.json"), encoding: .utf8))
        let broken = text.replacingOccurrences(of: #""temperature_2m":7.2"#, with: #""temperature_2m":7200"#)
        #expect(broken != text)
        let client = ScriptedHTTPClient([
            "/v1/search": .respond(status: 200, body: try RepositoryFiles.openMeteo("geocoding-seattle.json")),
            "/v1/forecast": .respond(status: 200, body: Data(broken.utf8)),
        ])
        #expect(await lookupError(OpenMeteoWeatherProvider(client: client), "Seattle")?.code == .badResponse)
    }

    @Test("failures are logged at debug with the transport code, never the city")
    func logging() async throws {
        let sink = InMemoryLogSink()
        let logger = Logger(label: "test", minimumLevel: .trace, sink: sink)
        let client = ScriptedHTTPClient(["/v1/search": .fail(.timeout)])

        _ = await lookupError(OpenMeteoWeatherProvider(client: client, logger: logger), "Reykjavik")

        let failure = try #require(sink.records.first { $0.event == "weather.request.failed" })
        #expect(failure.level == .debug)
        #expect(failure.metadata["http.error"] == "timeout")
        #expect(!sink.text.contains("Reykjavik"))
    }
}

/// The spelling the provider sends: trimmed, inner whitespace collapsed.
private func expectedName(_ raw: String) -> String {
    raw.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}
