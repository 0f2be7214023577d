import SkillSupport
import Testing

@Suite("Base64url, strict")
struct Base64URLTests {
    @Test("Round trips every length of input")
    func roundTrip() {
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 37 + 11) }
            let text = Base64URL.encode(bytes)
            #expect(!text.contains("=") && !text.contains("+") && !text.contains("/"))
            #expect(Base64URL.decode(text) == bytes)
        }
    }

    @Test("RFC 7515 appendix C example")
    func rfcExample() {
        #expect(Base64URL.encode([3, 236, 255, 224, 193]) == "A-z_4ME")
        #expect(Base64URL.decode("A-z_4ME") == [3, 236, 255, 224, 193])
    }

    @Test(
        "Refuses padding, the standard alphabet, whitespace, impossible lengths and stray trailing bits",
        arguments: ["A-z_4ME=", "A+z/4ME", "A-z_ 4ME", "A", "AAAAA", "QR", "QUF=", "QUG", "\u{00E9}"]
    )
    func refuses(_ text: String) {
        #expect(Base64URL.decode(text) == nil)
    }
}
