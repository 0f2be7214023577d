import Foundation

/// How city names are compared: spoken input arrives in any case, with stray spaces, and
/// sometimes without accents ("sao paulo").
enum CityName {
    /// Trimmed, inner whitespace collapsed to single spaces.
    static func cleaned(_ name: String) -> String {
        name.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The comparison key: cleaned, case- and diacritic-insensitive.
    static func key(_ name: String) -> String {
        cleaned(name).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }
}
