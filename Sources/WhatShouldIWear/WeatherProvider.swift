/// A source of current weather by city name.
public protocol WeatherProvider: Sendable {
    /// The conditions now in `city` (a name as the listener said it, e.g. "Seattle" or "new york").
    /// - Throws: `WeatherError` with `cityNotFound`, `unavailable` or `badResponse`.
    func currentConditions(for city: String) async throws(WeatherError) -> WeatherConditions
}
