import Testing
import WhatShouldIWear

@Suite("Clothing advice")
struct ClothingAdvisorTests {
    let advisor = ClothingAdvisor()

    struct Case: CustomTestStringConvertible, Sendable {
        var conditions: WeatherConditions
        var unit: TemperatureUnit
        var expected: String
        var testDescription: String { "\(conditions.place) \(unit.rawValue)" }
    }

    static func weather(
        _ place: String,
        _ temperature: Double,
        feels: Double,
        rain: Double = 0,
        snow: Double = 0,
        wind: Double = 5,
        code: Int = 3
    ) -> WeatherConditions {
        WeatherConditions(
            place: place,
            temperatureCelsius: temperature,
            apparentTemperatureCelsius: feels,
            precipitationMillimetres: rain,
            snowfallCentimetres: snow,
            windSpeedKilometresPerHour: wind,
            weatherCode: code
        )
    }

    static let sentences: [Case] = [
        Case(
            conditions: weather("Seattle", 7.2, feels: 4.6, rain: 1.4, wind: 14.8, code: 63),
            unit: .celsius,
            expected: "It's 7 degrees and raining in Seattle: wear a warm waterproof jacket and take an umbrella."
        ),
        Case(
            conditions: weather("Seattle", 7.2, feels: 4.6, rain: 1.4, wind: 14.8, code: 63),
            unit: .fahrenheit,
            expected: "It's 45 degrees and raining in Seattle: wear a warm waterproof jacket and take an umbrella."
        ),
        Case(
            conditions: weather("Berlin", -3.4, feels: -8.9, wind: 18),
            unit: .celsius,
            expected: "It's minus 3 degrees and cloudy in Berlin, but it feels like minus 9: "
                + "wear a heavy winter coat, a hat and gloves."
        ),
        Case(
            conditions: weather("Oslo", -1.2, feels: -5.3, rain: 0.6, snow: 0.42, wind: 9.7, code: 73),
            unit: .celsius,
            expected: "It's minus 1 degree and snowing in Oslo, but it feels like minus 5: "
                + "wear a heavy winter coat, a hat, gloves and waterproof boots."
        ),
        Case(
            conditions: weather("Tromsø", -6, feels: -14, snow: 1.1, wind: 33, code: 75),
            unit: .celsius,
            expected: "It's minus 6 degrees and snowing in Tromsø, but it feels like minus 14: "
                + "wear a heavy winter coat, a hat, gloves, a scarf and waterproof boots."
        ),
        Case(
            conditions: weather("London", 9, feels: 4.5, rain: 2, wind: 45, code: 63),
            unit: .celsius,
            expected: "It's 9 degrees and raining in London, but it feels like 5: wear a warm waterproof jacket "
                + "and a scarf, and keep your hood up, since it's too windy for an umbrella."
        ),
        Case(
            conditions: weather("Chicago", 4.1, feels: -1.8, wind: 41, code: 2),
            unit: .fahrenheit,
            expected: "It's 39 degrees and windy in Chicago, but it feels like 29: "
                + "wear a heavy winter coat, a hat, gloves and a scarf."
        ),
        Case(
            conditions: weather("Dublin", 14, feels: 12, wind: 32, code: 1),
            unit: .celsius,
            expected: "It's 14 degrees and windy in Dublin: wear a windproof jacket."
        ),
        Case(
            conditions: weather("Lisbon", 15, feels: 14, wind: 8, code: 0),
            unit: .celsius,
            expected: "It's 15 degrees and clear in Lisbon: wear a light jacket or a sweater."
        ),
        Case(
            conditions: weather("Paris", 20, feels: 20, code: 2),
            unit: .celsius,
            expected: "It's 20 degrees and partly cloudy in Paris: wear a T-shirt, with a light layer for later."
        ),
        Case(
            conditions: weather("Cape Town", 21, feels: 19, wind: 35, code: 1),
            unit: .celsius,
            expected: "It's 21 degrees and windy in Cape Town: wear a T-shirt, with a windproof layer on top."
        ),
        Case(
            conditions: weather("Rome", 19, feels: 19.5, rain: 0.8, code: 61),
            unit: .celsius,
            expected: "It's 19 degrees and raining in Rome: wear a light rain jacket and take an umbrella."
        ),
        Case(
            conditions: weather("Edinburgh", -2, feels: -6, rain: 1.2, wind: 12, code: 66),
            unit: .celsius,
            expected: "It's minus 2 degrees and raining in Edinburgh, but it feels like minus 6: "
                + "wear a heavy waterproof coat, a hat and gloves, and take an umbrella."
        ),
        Case(
            conditions: weather("Sydney", 29.3, feels: 31, wind: 12, code: 0),
            unit: .celsius,
            expected: "It's 29 degrees and clear in Sydney: wear light, breathable clothes."
        ),
        Case(
            conditions: weather("Sydney", 29.3, feels: 31, wind: 12, code: 0),
            unit: .fahrenheit,
            expected: "It's 85 degrees and clear in Sydney: wear light, breathable clothes."
        ),
        Case(
            conditions: weather("Miami", 26, feels: 30, rain: 3, code: 95),
            unit: .celsius,
            expected: "It's 26 degrees and stormy in Miami, but it feels like 30: "
                + "wear light clothes and take an umbrella."
        ),
        Case(
            conditions: weather("Bergen", 12, feels: 11, rain: 0.2, code: 53),
            unit: .celsius,
            expected: "It's 12 degrees and drizzling in Bergen: wear a light waterproof jacket and take an umbrella."
        ),
        Case(
            conditions: weather("Glasgow", 8, feels: 6, rain: 0.3, code: 3),
            unit: .celsius,
            expected: "It's 8 degrees and raining in Glasgow: wear a warm waterproof jacket and take an umbrella."
        ),
        Case(
            conditions: weather("Zurich", 3, feels: 1, code: 45),
            unit: .celsius,
            expected: "It's 3 degrees and foggy in Zurich: wear a warm jacket."
        ),
        Case(
            conditions: weather("Reykjavik", 5, feels: 3, code: 10),
            unit: .celsius,
            expected: "It's 5 degrees in Reykjavik: wear a warm jacket."
        ),
        Case(
            conditions: weather("  Salt   Lake City ", 16, feels: 15, code: 0),
            unit: .celsius,
            expected: "It's 16 degrees and clear in Salt Lake City: wear a light jacket or a sweater."
        ),
    ]

    @Test("whole answers", arguments: sentences)
    func sentence(_ item: Case) {
        #expect(advisor.advice(for: item.conditions, unit: item.unit) == item.expected)
    }

    @Test(
        "apparent temperature picks the band; lower bounds belong to the band above",
        arguments: [
            (-30.0, TemperatureBand.freezing), (-0.1, .freezing), (0, .cold), (9.9, .cold), (10, .cool),
            (17.9, .cool), (18, .mild), (23.9, .mild), (24, .hot), (45, .hot),
        ]
    )
    func band(_ apparent: Double, _ expected: TemperatureBand) {
        #expect(TemperatureBand(apparentCelsius: apparent) == expected)
    }

    @Test("the band follows the felt temperature, not the air temperature")
    func bandUsesApparentTemperature() {
        let chilly = Self.weather("Halifax", 11, feels: 5, wind: 25, code: 3)
        #expect(advisor.advice(for: chilly, unit: .celsius).hasSuffix("wear a warm jacket."))
    }

    @Test(
        "temperatures round half away from zero and negatives are spoken as minus",
        arguments: [
            (-0.4, TemperatureUnit.celsius, "It's 0 degrees"),
            (0.5, .celsius, "It's 1 degree"),
            (-1.2, .celsius, "It's minus 1 degree"),
            (-2.5, .celsius, "It's minus 3 degrees"),
            (2.5, .celsius, "It's 3 degrees"),
            (-20, .fahrenheit, "It's minus 4 degrees"),
            (-17.8, .fahrenheit, "It's 0 degrees"),
            (-17.2, .fahrenheit, "It's 1 degree"),
            (37, .fahrenheit, "It's 99 degrees"),
        ]
    )
    func spokenTemperature(_ celsius: Double, _ unit: TemperatureUnit, _ prefix: String) {
        let conditions = Self.weather("Anywhere", celsius, feels: celsius, code: 10)
        let text = advisor.advice(for: conditions, unit: unit)
        #expect(text.hasPrefix(prefix + " in Anywhere"), "\(text)")
    }

    @Test(
        "locale picks the unit",
        arguments: [
            ("en-US", TemperatureUnit.fahrenheit), ("es-US", .fahrenheit), ("en_us", .fahrenheit),
            ("en-GB", .celsius), ("en-CA", .celsius), ("en-AU", .celsius), ("de-DE", .celsius),
            ("en", .celsius), ("US", .celsius), ("", .celsius),
        ]
    )
    func unitFromLocale(_ locale: String, _ expected: TemperatureUnit) {
        #expect(TemperatureUnit(locale: locale) == expected)
    }

    @Test("no locale means Celsius")
    func unitWithoutLocale() {
        #expect(TemperatureUnit(locale: nil) == .celsius)
    }

    @Test("advice by locale speaks Fahrenheit in en-US and Celsius in en-GB")
    func adviceByLocale() {
        let seattle = Self.weather("Seattle", 7.2, feels: 4.6, rain: 1.4, wind: 14.8, code: 63)
        #expect(advisor.advice(for: seattle, locale: "en-US").hasPrefix("It's 45 degrees"))
        #expect(advisor.advice(for: seattle, locale: "en-GB").hasPrefix("It's 7 degrees"))
    }

    @Test("Fahrenheit conversion", arguments: [(100.0, 212.0), (0, 32), (-40, -40), (37, 98.6)])
    func conversion(_ celsius: Double, _ fahrenheit: Double) {
        #expect(abs(TemperatureUnit.fahrenheit.value(fromCelsius: celsius) - fahrenheit) < 1e-9)
        #expect(TemperatureUnit.celsius.value(fromCelsius: celsius) == celsius)
    }

    @Test("absurd values still give a bounded number instead of trapping")
    func absurdValues() {
        #expect(TemperatureUnit.celsius.wholeDegrees(fromCelsius: 1e300) == 1000)
        #expect(TemperatureUnit.fahrenheit.wholeDegrees(fromCelsius: -1e300) == -1000)
        #expect(TemperatureUnit.celsius.wholeDegrees(fromCelsius: .nan) == 0)
        #expect(TemperatureUnit.fahrenheit.wholeDegrees(fromCelsius: .infinity) == 1000)
    }

    @Test(
        "what is falling",
        arguments: [
            (0.0, 0.0, 0, Precipitation.none), (0.05, 0, 3, .none), (0.1, 0, 3, .rain), (0, 0, 61, .rain),
            (0, 0, 81, .rain), (0, 0, 96, .rain), (0.7, 0.5, 73, .snow), (0, 0, 86, .snow), (1, 0.2, 63, .snow),
        ]
    )
    func precipitation(_ millimetres: Double, _ snow: Double, _ code: Int, _ expected: Precipitation) {
        let conditions = Self.weather("X", 2, feels: 2, rain: millimetres, snow: snow, code: code)
        #expect(Precipitation(conditions) == expected)
    }

    @Test("snow never brings an umbrella, even with rain measured")
    func snowWithoutUmbrella() {
        let sleet = Self.weather("Helsinki", 0.5, feels: -2, rain: 2.1, snow: 0.8, wind: 10, code: 68)
        let text = advisor.advice(for: sleet, unit: .celsius)
        #expect(!text.contains("umbrella"))
        #expect(text.contains("waterproof boots"))
    }

    @Test("the umbrella goes exactly at Beaufort force 6")
    func umbrellaWindLimit() {
        let calm = Self.weather("X", 8, feels: 6, rain: 1, wind: 38.9, code: 63)
        let gusty = Self.weather("X", 8, feels: 6, rain: 1, wind: 39, code: 63)
        #expect(advisor.advice(for: calm, unit: .celsius).contains("take an umbrella"))
        #expect(!advisor.advice(for: gusty, unit: .celsius).contains("take an umbrella"))
        #expect(advisor.advice(for: gusty, unit: .celsius).contains("too windy for an umbrella"))
    }

    @Test("failed lookups get their sentences")
    func errorSentences() {
        #expect(
            advisor.message(for: WeatherError(.cityNotFound, city: "Atlantis"))
                == "I couldn't find a place called Atlantis."
        )
        #expect(
            advisor.message(for: WeatherError(.cityNotFound, city: "  ")) == "I didn't catch the name of the place."
        )
        let sorry = "I can't reach the weather service right now. Please try again in a moment."
        #expect(advisor.message(for: WeatherError(.unavailable, city: "Seattle")) == sorry)
        #expect(advisor.message(for: WeatherError(.badResponse, city: "Seattle")) == sorry)
    }
}
