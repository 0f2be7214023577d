import Foundation

extension OutputSpeech {
    /// What a listener hears, as text: plain text as is; SSML with its markup removed and the
    /// five XML entities unescaped. For tests, logs of demo runs and command-line tools.
    public var transcript: String {
        switch self {
        case .plainText(let text):
            return text
        case .ssml(let markup):
            var text = ""
            var insideTag = false
            for character in markup {
                if character == "<" {
                    insideTag = true
                } else if character == ">" {
                    insideTag = false
                } else if !insideTag {
                    text.append(character)
                }
            }
            return
                text
                .replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"")
                .replacingOccurrences(of: "&apos;", with: "'")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
    }
}
