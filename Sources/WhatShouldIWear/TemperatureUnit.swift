/// The unit temperatures are spoken in, chosen from the request's locale.
public enum TemperatureUnit: String, Sendable, CaseIterable {
    case celsius
    case fahrenheit

    /// Fahrenheit where the region is the United States (`en-US`, and `es-US`, whose listeners
    /// live with the same thermometers); Celsius for every other locale, and when none is given.
    public init(locale: String?) {
        let region = locale?
            .split(whereSeparator: { $0 == "-" || $0 == "_" })
            .dropFirst()
            .first
            .map { $0.uppercased() }
        self = region == "US" ? .fahrenheit : .celsius
    }

    /// `celsius` in this unit.
    public func value(fromCelsius celsius: Double) -> Double {
        switch self {
        case .celsius: celsius
        case .fahrenheit: celsius * 9 / 5 + 32
        }
    }

    /// `celsius` in this unit rounded to a whole degree, half away from zero (-2.5 becomes -3),
    /// so -0.4 is 0, never "minus 0". Not-a-number gives 0.
    public func wholeDegrees(fromCelsius celsius: Double) -> Int {
        // The clamp keeps the conversion to Int defined for any input; plausible weather is far inside it.
        let rounded = value(fromCelsius: celsius).rounded(.toNearestOrAwayFromZero)
        guard !rounded.isNaN else { return 0 }
        let clamped = min(max(rounded, -1000), 1000)
        return clamped == 0 ? 0 : Int(clamped)
    }
}
