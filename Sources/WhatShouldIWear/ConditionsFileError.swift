/// Why a conditions file was refused when it was loaded (at startup, not per request).
public struct ConditionsFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The file could not be read.
        case unreadable
        /// The file is not JSON of the documented shape.
        case malformed
        /// The file lists no city.
        case empty
        /// Two city names differ only in case, spacing or accents.
        case duplicateCity = "duplicate_city"
        /// A value is out of its physical range (negative rain, 80 °C, a WMO code above 99).
        case invalidValue = "invalid_value"
        /// `defaultCity` names a city the file does not list.
        case unknownDefaultCity = "unknown_default_city"
    }

    /// What was wrong, for code to branch on.
    public var code: Code
    /// What was wrong and where (file name, city, field), safe to print.
    public var detail: String

    /// An error with a printable `detail`.
    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "conditions file \(code.rawValue): \(detail)" }
}
