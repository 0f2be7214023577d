import Foundation
import Testing
import WhatShouldIWear

@Suite("Conditions-file provider")
struct ConditionsFileWeatherProviderTests {
    static func provider(_ json: String) throws(ConditionsFileError) -> ConditionsFileWeatherProvider {
        try ConditionsFileWeatherProvider(data: Data(json.utf8), source: "test.json")
    }

    static func loadError(_ json: String) -> ConditionsFileError? {
        do {
            _ = try provider(json)
            return nil
        } catch {
            return error
        }
    }

    @Test("the shipped demo file loads and answers the documented example")
    func demoFile() async throws {
        let provider = try ConditionsFileWeatherProvider(path: RepositoryFiles.demoConditions.path)

        #expect(provider.defaultCity == "Seattle")
        #expect(provider.cities.contains("London") && provider.cities.contains("São Paulo"))
        let seattle = try await provider.currentConditions(for: "Seattle")
        #expect(
            ClothingAdvisor().advice(for: seattle, locale: "en-GB")
                == "It's 7 degrees and raining in Seattle: wear a warm waterproof jacket and take an umbrella."
        )
        #expect(seattle.observedAt == Date(timeIntervalSince1970: 1_796_323_500))
    }

    @Test(
        "city names match ignoring case, accents and extra spaces",
        arguments: [
            ("seattle", "Seattle"), ("SEATTLE", "Seattle"), ("  Seattle  ", "Seattle"),
            ("sao paulo", "São Paulo"), ("SÃO   PAULO", "São Paulo"),
        ]
    )
    func matching(_ asked: String, _ place: String) async throws {
        let provider = try ConditionsFileWeatherProvider(path: RepositoryFiles.demoConditions.path)
        #expect(try await provider.currentConditions(for: asked).place == place)
    }

    @Test("an unknown city is cityNotFound", arguments: ["Atlantis", "", "Seattle, WA"])
    func unknownCity(_ city: String) async throws {
        let provider = try ConditionsFileWeatherProvider(path: RepositoryFiles.demoConditions.path)
        let error = await lookupError(provider, city)
        #expect(error?.code == .cityNotFound)
        #expect(error?.city == city)
    }

    @Test("optional fields default to calm, dry and clear")
    func defaults() async throws {
        let provider = try Self.provider(
            #"{"cities":{"Nice":{"temperatureCelsius":17,"apparentTemperatureCelsius":16.5}}}"#
        )
        let nice = try await provider.currentConditions(for: "nice")
        #expect(nice == WeatherConditions(place: "Nice", temperatureCelsius: 17, apparentTemperatureCelsius: 16.5))
        #expect(provider.defaultCity == nil)
    }

    @Test("a missing file is unreadable")
    func missingFile() {
        #expect(throws: ConditionsFileError(.unreadable, "cannot read no-such-file.json")) {
            try ConditionsFileWeatherProvider(path: "/nonexistent/no-such-file.json")
        }
    }

    @Test(
        "bad files are refused at load with a specific code",
        arguments: [
            ("not json", ConditionsFileError.Code.malformed),
            (#"[{"city":"Seattle"}]"#, .malformed),
            (#"{"cities":{"Seattle":{"temperatureCelsius":7}}}"#, .malformed),
            (#"{"cities":{"Seattle":{"temperatureCelsius":"7","apparentTemperatureCelsius":5}}}"#, .malformed),
            (#"{"cities":{}}"#, .empty),
            (
                #"{"cities":{"Seattle":{"temperatureCelsius":7,"apparentTemperatureCelsius":5},"#
                    + #""seattle ":{"temperatureCelsius":8,"apparentTemperatureCelsius":6}}}"#, .duplicateCity
            ),
            (#"{"cities":{" ":{"temperatureCelsius":7,"apparentTemperatureCelsius":5}}}"#, .invalidValue),
            (
                #"{"cities":{"X":{"temperatureCelsius":7,"apparentTemperatureCelsius":5,"#
                    + #""precipitationMillimetres":-1}}}"#, .invalidValue
            ),
            (#"{"cities":{"X":{"temperatureCelsius":700,"apparentTemperatureCelsius":5}}}"#, .invalidValue),
            (
                #"{"cities":{"X":{"temperatureCelsius":7,"apparentTemperatureCelsius":5,"weatherCode":150}}}"#,
                .invalidValue
            ),
            (
                #"{"cities":{"X":{"temperatureCelsius":7,"apparentTemperatureCelsius":5,"observedAt":"yesterday"}}}"#,
                .invalidValue
            ),
            (
                #"{"defaultCity":"Paris","cities":{"X":{"temperatureCelsius":7,"apparentTemperatureCelsius":5}}}"#,
                .unknownDefaultCity
            ),
        ]
    )
    func badFile(_ json: String, _ expected: ConditionsFileError.Code) {
        let error = Self.loadError(json)
        #expect(error?.code == expected)
        #expect(error?.description.contains("test.json") == true)
    }

    @Test("the default city is reported in the file's spelling")
    func defaultCitySpelling() throws {
        let provider = try Self.provider(
            #"{"defaultCity":"sao paulo","cities":{"São Paulo":"#
                + #"{"temperatureCelsius":25,"apparentTemperatureCelsius":27}}}"#
        )
        #expect(provider.defaultCity == "São Paulo")
    }
}
