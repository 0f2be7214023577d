import AccessToken
import SkillSupport
import Testing

struct CompactJWSTests {
    func segment(_ json: String) -> String { Base64URL.encode(Array(json.utf8)) }

    @Test func parsesHeaderClaimsAndSigningInput() throws {
        let token = segment(#"{"alg":"RS256","kid":"k","typ":"at+jwt"}"#) + "." + segment(#"{"sub":"a"}"#) + ".AQID"
        let jws = try CompactJWS(parsing: token)
        #expect(jws.header.algorithm == "RS256")
        #expect(jws.header.keyID == "k")
        #expect(jws.header.type == "at+jwt")
        #expect(try jws.claims() == ["sub": "a"])
        #expect(jws.signature == [1, 2, 3])
        #expect(jws.signingInput == Array(token.utf8.prefix(token.utf8.count - 5)))
    }

    @Test(arguments: [
        (#"[]"#, #"{}"#),
        (#""RS256""#, #"{}"#),
        (#"{"alg":"RS256"}"#, #"[1]"#),
        (#"{"alg":"RS256"}"#, #""text""#),
        (#"{"alg":"RS256"}"#, #"{"a":1}x"#),
        (#"{"alg":"RS256"}"#, #"{"a":01}"#),
        (#"{"alg":"RS256"}"#, #"{"a":1e999}"#),
        (#"{"alg":"RS256"}"#, "{\"a\":\"\u{01}\"}"),
        (#"{"alg":RS256}"#, #"{}"#),
        (#"{"alg":5}"#, #"{}"#),
        (#"{"alg":"RS256","kid":7}"#, #"{}"#),
        (#"{"alg":"RS256","typ":["at+jwt"]}"#, #"{}"#),
        (#"{"alg":"RS256"}"#, #"{"a":"\ud800"}"#),
    ])
    func nonObjectsBadTypesAndInvalidJSONAreMalformed(header: String, claims: String) {
        let token = segment(header) + "." + segment(claims) + ".AQID"
        let error = #expect(throws: AccessTokenError.self) { try CompactJWS(parsing: token).claims() }
        #expect(error?.code == .malformed)
    }

    @Test func invalidUTF8InTheClaimsIsMalformed() {
        let claims: [UInt8] = Array(#"{"sub":""#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8)
        let token = segment(#"{"alg":"RS256"}"#) + "." + Base64URL.encode(claims) + ".AQID"
        let error = #expect(throws: AccessTokenError.self) { try CompactJWS(parsing: token).claims() }
        #expect(error?.code == .malformed)
    }

    @Test func deepNestingIsRefusedWithoutCrashing() {
        let deep = String(repeating: "[", count: 100_000)
        let token = segment(#"{"alg":"RS256"}"#) + "." + segment(#"{"a":"# + deep + "}") + ".AQID"
        let error = #expect(throws: AccessTokenError.self) {
            try CompactJWS(parsing: token, maximumLength: 1 << 20).claims()
        }
        #expect(error?.code == .malformed)
    }

    @Test func theSizeCapIsConfigurable() {
        let token = segment(#"{"alg":"RS256"}"#) + "." + segment(#"{}"#) + ".AQID"
        let error = #expect(throws: AccessTokenError.self) { try CompactJWS(parsing: token, maximumLength: 10) }
        #expect(error?.code == .tooLarge)
    }
}

struct StrictJSONTests {
    func parse(_ text: String) throws -> JSONValue { try StrictJSON.parse(Array(text.utf8)) }

    @Test func readsEveryKindOfValue() throws {
        let value = try parse(#" {"a":[1,-2.5e2,true,false,null],"b":{"c":"\u00e9\ud83d\ude00\n\"/"}} "#)
        #expect(value == ["a": [1, -250, true, false, .null], "b": ["c": "é😀\n\"/"]])
    }

    @Test func duplicateNamesAreRefusedAlsoWhenEscapedOrNested() {
        for text in [#"{"a":1,"a":1}"#, #"{"a":1,"\u0061":2}"#, #"{"x":{"b":1,"b":2}}"#, #"[{"k":1,"k":1}]"#] {
            #expect(throws: StrictJSON.ParseError.self, "\(text)") { try parse(text) }
        }
        #expect(throws: Never.self) { try parse(#"{"a":{"a":1},"b":[{"a":1},{"a":2}]}"#) }
    }

    @Test func serializationIsCompactSortedAndRoundTrips() throws {
        let value: JSONValue = ["z": 1, "a": ["s": "q\"\u{01}", "n": 1.5], "big": 1_767_225_600, "neg": -3]
        let text = JSONText.serialize(value)
        #expect(text == #"{"a":{"n":1.5,"s":"q\"\u0001"},"big":1767225600,"neg":-3,"z":1}"#)
        #expect(try parse(text) == value)
    }
}
