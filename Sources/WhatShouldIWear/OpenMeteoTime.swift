import Foundation

/// Reads Open-Meteo's `current.time`, which is local wall-clock time without a zone
/// ("2026-12-03T10:45"), using the answer's `utc_offset_seconds` to place it on the timeline.
enum OpenMeteoTime {
    static func date(local text: String, utcOffsetSeconds: Int) -> Date? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "T" || $0 == ":" }).map { Int($0) }
        guard parts.count >= 5, parts.allSatisfy({ $0 != nil }) else { return nil }
        let numbers = parts.compactMap { $0 }

        guard let zone = TimeZone(secondsFromGMT: utcOffsetSeconds) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(
            year: numbers[0],
            month: numbers[1],
            day: numbers[2],
            hour: numbers[3],
            minute: numbers[4],
            second: numbers.count > 5 ? numbers[5] : 0
        )
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }
}
