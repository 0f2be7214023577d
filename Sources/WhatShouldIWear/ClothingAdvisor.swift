/// Turns current conditions into one spoken answer:
/// "It's 7 degrees and raining in Seattle: wear a warm waterproof jacket and take an umbrella."
///
/// Rules, in order:
/// 1. The apparent temperature picks the band (`TemperatureBand`) and the main garments.
/// 2. Rain makes the outer layer waterproof and adds an umbrella; snow adds waterproof boots and
///    no umbrella. Snow wins when both fall.
/// 3. From `windyFromKilometresPerHour` the cold bands add a scarf and the cool and mild bands
///    a windproof layer; hot weather ignores wind.
/// 4. From `noUmbrellaFromKilometresPerHour` the umbrella is replaced by a hood, so the answer
///    never recommends something the wind will break.
/// 5. The spoken temperature is the air temperature; the apparent one is added ("but it feels
///    like 2") when they differ by `feelsLikeDifferenceCelsius` or more.
public struct ClothingAdvisor: Sendable {
    /// Beaufort force 5 ("fresh breeze") starts at 29 km/h: wind is felt through light clothes.
    public static let windyFromKilometresPerHour = 29.0
    /// Beaufort force 6 ("strong breeze", 39-49 km/h) is where the scale notes that umbrellas are
    /// used with difficulty.
    public static let noUmbrellaFromKilometresPerHour = 39.0
    /// A smaller gap between felt and measured temperature is not worth a clause.
    public static let feelsLikeDifferenceCelsius = 3.0

    /// An advisor; it holds no state.
    public init() {}

    /// The answer for a listener in `locale` (e.g. "en-US" speaks Fahrenheit, "en-GB" Celsius).
    public func advice(for conditions: WeatherConditions, locale: String?) -> String {
        advice(for: conditions, unit: TemperatureUnit(locale: locale))
    }

    /// The answer with temperatures spoken in `unit`.
    public func advice(for conditions: WeatherConditions, unit: TemperatureUnit) -> String {
        let band = TemperatureBand(apparentCelsius: conditions.apparentTemperatureCelsius)
        let precipitation = Precipitation(conditions)
        let wind = conditions.windSpeedKilometresPerHour

        let gap = abs(conditions.apparentTemperatureCelsius - conditions.temperatureCelsius)
        let feelsLike =
            gap >= Self.feelsLikeDifferenceCelsius
            ? unit.wholeDegrees(fromCelsius: conditions.apparentTemperatureCelsius)
            : nil
        let opening = SpokenPhrases.opening(
            degrees: unit.wholeDegrees(fromCelsius: conditions.temperatureCelsius),
            condition: condition(conditions, precipitation: precipitation),
            place: CityName.cleaned(conditions.place),
            feelsLike: feelsLike
        )

        let items = garments(band, precipitation, windy: wind >= Self.windyFromKilometresPerHour)
        var advice = "\(SpokenPhrases.Action.wear) \(SpokenPhrases.list(items))"
        if precipitation == .rain {
            let extra =
                wind >= Self.noUmbrellaFromKilometresPerHour
                ? SpokenPhrases.Action.hoodInsteadOfUmbrella
                : SpokenPhrases.Action.takeUmbrella
            advice = SpokenPhrases.then(advice, extra, afterList: items.count > 1)
        }
        return SpokenPhrases.answer(opening: opening, advice: advice)
    }

    /// The sentence for a failed lookup.
    public func message(for error: WeatherError) -> String {
        switch error.code {
        case .cityNotFound: SpokenPhrases.cityNotFound(error.city)
        case .unavailable, .badResponse: SpokenPhrases.weatherUnavailable
        }
    }

    /// What the sky is doing, or nil for a code with nothing worth saying.
    func condition(_ conditions: WeatherConditions, precipitation: Precipitation) -> String? {
        let code = conditions.weatherCode
        switch precipitation {
        case .snow:
            return SpokenPhrases.Condition.snowing
        case .rain:
            if WMOCode.isThunderstorm(code) { return SpokenPhrases.Condition.stormy }
            if WMOCode.isDrizzle(code) { return SpokenPhrases.Condition.drizzling }
            return SpokenPhrases.Condition.raining
        case .none:
            if conditions.windSpeedKilometresPerHour >= Self.windyFromKilometresPerHour {
                return SpokenPhrases.Condition.windy
            }
            if WMOCode.isFog(code) { return SpokenPhrases.Condition.foggy }
            switch code {
            case 0, 1: return SpokenPhrases.Condition.clear
            case 2: return SpokenPhrases.Condition.partlyCloudy
            case 3: return SpokenPhrases.Condition.cloudy
            default: return nil
            }
        }
    }

    /// The garments for a band, adjusted for what falls and for wind.
    func garments(_ band: TemperatureBand, _ precipitation: Precipitation, windy: Bool) -> [String] {
        typealias G = SpokenPhrases.Garment
        var items: [String]
        switch band {
        case .freezing:
            items = [precipitation == .rain ? G.heavyWaterproofCoat : G.heavyWinterCoat, G.hat, G.gloves]
            if windy { items.append(G.scarf) }
        case .cold:
            items = [precipitation == .rain ? G.warmWaterproofJacket : G.warmJacket]
            if windy { items.append(G.scarf) }
        case .cool:
            switch precipitation {
            case .rain: items = [G.lightWaterproofJacket]
            case .snow: items = [G.warmJacket]
            case .none: items = [windy ? G.windproofJacket : G.lightJacketOrSweater]
            }
        case .mild:
            switch precipitation {
            case .rain: items = [G.lightRainJacket]
            case .snow: items = [G.warmJacket]
            case .none: items = [windy ? G.tShirtWithWindproofLayer : G.tShirtWithLightLayer]
            }
        case .hot:
            items = [precipitation == .none ? G.lightBreathableClothes : G.lightClothes]
        }
        if precipitation == .snow { items.append(G.waterproofBoots) }
        return items
    }
}
