/// Every sentence and fragment this skill speaks about weather and clothing, in one place so
/// wording can be reviewed (and later localised) without reading the rules.
public enum SpokenPhrases {
    /// When the geocoder or the conditions file does not know the city.
    public static func cityNotFound(_ city: String) -> String {
        let cleaned = CityName.cleaned(city)
        guard !cleaned.isEmpty else { return "I didn't catch the name of the place." }
        return "I couldn't find a place called \(cleaned)."
    }

    /// When the weather service is slow, unreachable or answers nonsense.
    public static let weatherUnavailable =
        "I can't reach the weather service right now. Please try again in a moment."

    /// When no city was named and none is configured.
    public static let whichCity = "Which city should I check the weather for?"

    /// A temperature as spoken: "7 degrees", "1 degree", "minus 4 degrees".
    static func degrees(_ value: Int) -> String {
        "\(number(value)) \(abs(value) == 1 ? "degree" : "degrees")"
    }

    /// A whole number as spoken: "minus 4" rather than "-4", which speech engines read unevenly.
    static func number(_ value: Int) -> String {
        value < 0 ? "minus \(-value)" : "\(value)"
    }

    /// "It's 7 degrees and raining in Seattle", with ", but it feels like 2" when that differs.
    static func opening(degrees: Int, condition: String?, place: String, feelsLike: Int?) -> String {
        var text = "It's \(Self.degrees(degrees))"
        if let condition { text += " and \(condition)" }
        text += " in \(place)"
        if let feelsLike { text += ", but it feels like \(number(feelsLike))" }
        return text
    }

    /// The whole answer: opening, a colon, the advice, a full stop.
    static func answer(opening: String, advice: String) -> String {
        "\(opening): \(advice)."
    }

    enum Condition {
        static let snowing = "snowing"
        static let stormy = "stormy"
        static let drizzling = "drizzling"
        static let raining = "raining"
        static let windy = "windy"
        static let foggy = "foggy"
        static let clear = "clear"
        static let partlyCloudy = "partly cloudy"
        static let cloudy = "cloudy"
    }

    enum Garment {
        static let heavyWinterCoat = "a heavy winter coat"
        static let heavyWaterproofCoat = "a heavy waterproof coat"
        static let hat = "a hat"
        static let gloves = "gloves"
        static let scarf = "a scarf"
        static let waterproofBoots = "waterproof boots"
        static let warmJacket = "a warm jacket"
        static let warmWaterproofJacket = "a warm waterproof jacket"
        static let lightJacketOrSweater = "a light jacket or a sweater"
        static let lightWaterproofJacket = "a light waterproof jacket"
        static let windproofJacket = "a windproof jacket"
        static let tShirtWithLightLayer = "a T-shirt, with a light layer for later"
        static let tShirtWithWindproofLayer = "a T-shirt, with a windproof layer on top"
        static let lightRainJacket = "a light rain jacket"
        static let lightBreathableClothes = "light, breathable clothes"
        static let lightClothes = "light clothes"
    }

    enum Action {
        static let wear = "wear"
        static let takeUmbrella = "take an umbrella"
        static let hoodInsteadOfUmbrella = "keep your hood up, since it's too windy for an umbrella"
    }

    /// A second action after the first; a comma keeps "a coat and a scarf, and take an umbrella"
    /// from running the garment list into the action.
    static func then(_ first: String, _ second: String, afterList: Bool) -> String {
        afterList ? "\(first), and \(second)" : "\(first) and \(second)"
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        let head = items.dropLast()
        return head.isEmpty ? last : "\(head.joined(separator: ", ")) and \(last)"
    }
}
