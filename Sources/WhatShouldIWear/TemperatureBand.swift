/// How warm it feels, from the apparent temperature in °C. Each lower bound belongs to its
/// band: exactly 10 °C is `cool`, exactly 0 °C is `cold`.
public enum TemperatureBand: String, Sendable, CaseIterable {
    /// Below 0 °C.
    case freezing
    /// 0 up to 10 °C.
    case cold
    /// 10 up to 18 °C.
    case cool
    /// 18 up to 24 °C.
    case mild
    /// 24 °C and above.
    case hot

    /// The band an apparent temperature in °C falls in.
    public init(apparentCelsius: Double) {
        switch apparentCelsius {
        case ..<0: self = .freezing
        case ..<10: self = .cold
        case ..<18: self = .cool
        case ..<24: self = .mild
        default: self = .hot
        }
    }
}
