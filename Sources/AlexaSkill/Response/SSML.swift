import Foundation

/// Turning text into SSML that Alexa accepts.
public enum SSML {
    /// Escapes the five characters XML reserves (`&`, `<`, `>`, `"`, `'`), as Alexa's SSML reference requires
    /// for text content, and drops control characters, which XML 1.0 does not allow at all.
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            if character.unicodeScalars.contains(where: isForbidden) { continue }
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// C0 controls other than tab and line breaks, and DEL through the C1 controls.
    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r")
            || (0x7F...0x9F).contains(scalar.value)
    }

    /// Plain text as a complete SSML document: escaped and inside `<speak>`.
    public static func speak(text: String) -> String {
        "<speak>\(escape(text))</speak>"
    }

    /// Markup inside `<speak>`, unless it already is a `<speak>` element.
    public static func wrap(markup: String) -> String {
        let trimmed = markup.trimmingCharacters(in: .whitespacesAndNewlines)
        let opensSpeak = trimmed.hasPrefix("<speak>") || trimmed.hasPrefix("<speak ")
        if opensSpeak && trimmed.hasSuffix("</speak>") {
            return trimmed
        }
        return "<speak>\(markup)</speak>"
    }
}
