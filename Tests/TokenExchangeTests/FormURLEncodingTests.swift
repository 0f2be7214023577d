import Testing

@testable import TokenExchange

@Suite("application/x-www-form-urlencoded")
struct FormURLEncodingTests {
    @Test("RFC 6749 Appendix B example")
    func appendixB() {
        #expect(FormURLEncoding.encode(" %&+\u{A3}\u{20AC}") == "+%25%26%2B%C2%A3%E2%82%AC")
        #expect(FormURLEncoding.decode(Array("+%25%26%2B%C2%A3%E2%82%AC".utf8)) == " %&+\u{A3}\u{20AC}")
    }

    static let malformed = ["%", "%2", "%G0", "a%2", "%C3%28", "%FF"]

    @Test("bad escapes and non-UTF-8 are refused", arguments: malformed)
    func refused(text: String) {
        #expect(FormURLEncoding.decode(Array(text.utf8)) == nil)
    }

    @Test("fields keep their raw bytes; names without = have empty values; empty segments are skipped")
    func fields() throws {
        let fields = try #require(FormURLEncoding.parse(Array("a=1%2B1&&flag&b=x=y&c=".utf8)))

        #expect(fields.map(\.name) == ["a", "flag", "b", "c"])
        #expect(fields.map(\.value) == ["1+1", "", "x=y", ""])
        #expect(fields.map { String(decoding: $0.raw, as: UTF8.self) } == ["a=1%2B1", "flag", "b=x=y", "c="])
    }

    @Test("serialize then parse gives the pairs back")
    func roundTrip() throws {
        let pairs = [(name: "grant_type", value: "client_credentials"), (name: "x y", value: "+/:%= \u{1F511}")]
        let fields = try #require(FormURLEncoding.parse(Array(FormURLEncoding.serialize(pairs).utf8)))

        #expect(fields.map(\.name) == pairs.map(\.name))
        #expect(fields.map(\.value) == pairs.map(\.value))
    }
}
