import Testing
@testable import GateFormats

/// The strict JSON parser behind safetensors headers.
@Suite struct StrictJSONParserTests {
    private func parse(_ text: String) -> JSONValue? {
        try? StrictJSONParser.parse(Array(text.utf8)).get()
    }

    @Test func parsesValues() {
        #expect(parse(#" {"a": [1, -2.5e3, true, false, null, "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"]} "#) ==
                .object([("a", .array([.number("1"), .number("-2.5e3"), .bool(true), .bool(false), .null,
                                       .string("x\"\\/\u{8}\u{c}\n\r\té😀")]))]))
        #expect(parse("0") == .number("0"))
        #expect(parse("\"é\"") == .string("é"))
        #expect(parse("12345678901234567890123")?.nonNegativeInt == nil)
        #expect(parse("9223372036854775807")?.nonNegativeInt == Int.max)
    }

    @Test func rejectsMalformedInput() {
        let bad = ["", " ", "01", "-", "1.", ".5", "1e", "+1", "[1,]", "{\"a\"}", "{\"a\":1,}", "tru", "nulll",
                   "\"\u{1}\"", "\"abc", "\"\\u12\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "[1] 2", "{1:2}", "NaN", "Infinity"]
        for text in bad {
            #expect(parse(text) == nil, "accepted \(text)")
        }
        #expect(parse(String(repeating: "[", count: 65) + String(repeating: "]", count: 65)) == nil)
        #expect(parse(String(repeating: "[", count: 64) + String(repeating: "]", count: 64)) != nil)
        #expect(parse(String(repeating: "[", count: 100_000)) == nil)
    }

    @Test func rejectsInvalidUTF8() {
        for bytes: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0xC0, 0x80, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], [0x22, 0xE2, 0x82, 0x22]] {
            #expect((try? StrictJSONParser.parse(bytes).get()) == nil)
        }
        #expect((try? StrictJSONParser.parse([0x22, 0xF0, 0x9F, 0x98, 0x80, 0x22]).get()) == .string("😀"))
    }
}
