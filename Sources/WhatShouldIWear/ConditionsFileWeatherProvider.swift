import Foundation

/// Current conditions from a JSON file, for offline runs and demos (format: see `ConditionsFile`
/// in this module, or `scripts/conditions.json`). Everything is checked when the provider is
/// created, so a bad file stops startup instead of failing each request.
///
/// City names match case-insensitively, ignoring accents and extra spaces ("sao  paulo" finds
/// "São Paulo"). An unknown city is `cityNotFound`.
public struct ConditionsFileWeatherProvider: WeatherProvider {
    /// The city the file suggests when the listener names none, if it gives one.
    public let defaultCity: String?
    /// Every city in the file, spelled as the file spells it, sorted.
    public let cities: [String]

    private let conditionsByKey: [String: WeatherConditions]

    /// Loads and checks the file at `path`.
    public init(path: String) throws(ConditionsFileError) {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ConditionsFileError(.unreadable, "cannot read \(url.lastPathComponent)")
        }
        try self.init(data: data, source: url.lastPathComponent)
    }

    /// Checks and loads conditions from `data`; `source` names it in error details.
    public init(data: Data, source: String = "conditions") throws(ConditionsFileError) {
        let file: ConditionsFile
        do {
            file = try JSONDecoder().decode(ConditionsFile.self, from: data)
        } catch {
            throw ConditionsFileError(.malformed, "\(source) is not a JSON object with a \"cities\" map")
        }
        guard !file.cities.isEmpty else {
            throw ConditionsFileError(.empty, "\(source) lists no city")
        }

        var byKey: [String: WeatherConditions] = [:]
        for (name, entry) in file.cities {
            let place = CityName.cleaned(name)
            let key = CityName.key(place)
            guard !key.isEmpty else {
                throw ConditionsFileError(.invalidValue, "\(source) has an empty city name")
            }
            guard byKey[key] == nil else {
                throw ConditionsFileError(.duplicateCity, "\(source) lists \"\(place)\" more than once")
            }
            byKey[key] = try Self.conditions(place: place, entry: entry, source: source)
        }

        if let wanted = file.defaultCity {
            guard let match = byKey[CityName.key(wanted)] else {
                throw ConditionsFileError(.unknownDefaultCity, "\(source) has no city \"\(wanted)\"")
            }
            defaultCity = match.place
        } else {
            defaultCity = nil
        }
        conditionsByKey = byKey
        cities = byKey.values.map(\.place).sorted()
    }

    public func currentConditions(for city: String) async throws(WeatherError) -> WeatherConditions {
        guard let conditions = conditionsByKey[CityName.key(city)] else {
            throw WeatherError(.cityNotFound, city: city, "not in the conditions file")
        }
        return conditions
    }

    private static func conditions(
        place: String,
        entry: ConditionsFile.Entry,
        source: String
    ) throws(ConditionsFileError) -> WeatherConditions {
        var observed: Date?
        if let text = entry.observedAt {
            guard let date = try? Date(text, strategy: .iso8601) else {
                throw ConditionsFileError(.invalidValue, "\(source): \(place).observedAt is not ISO 8601")
            }
            observed = date
        }

        let conditions = WeatherConditions(
            place: place,
            temperatureCelsius: entry.temperatureCelsius,
            apparentTemperatureCelsius: entry.apparentTemperatureCelsius,
            precipitationMillimetres: entry.precipitationMillimetres ?? 0,
            snowfallCentimetres: entry.snowfallCentimetres ?? 0,
            windSpeedKilometresPerHour: entry.windSpeedKilometresPerHour ?? 0,
            weatherCode: entry.weatherCode ?? 0,
            observedAt: observed
        )
        if let field = PlausibleRange.firstViolation(in: conditions) {
            throw ConditionsFileError(.invalidValue, "\(source): \(place) has an impossible \(field)")
        }
        return conditions
    }
}
