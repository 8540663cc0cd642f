/// Parses the Python dict literal in an .npy header, e.g.
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`.
///
/// Accepts exactly what `numpy.lib.format` writes (and what `ast.literal_eval` would accept for
/// these three keys): single- or double-quoted strings, `True`/`False`, tuples of integers
/// (`()`, `(5,)`, `(3, 4)`, Python 2 `3L` suffixes), trailing commas, any whitespace. Anything
/// else — extra or missing keys, duplicate keys, nested structures, non-ASCII — is rejected.
struct NpyHeaderParser {
    private let bytes: [UInt8]
    private var index = 0

    private init(bytes: [UInt8]) { self.bytes = bytes }

    /// Parses the header text; errors are reasons without file context.
    static func parse(_ bytes: [UInt8]) throws(NpyHeaderSyntaxError) -> Fields {
        var parser = NpyHeaderParser(bytes: bytes)
        return try parser.parseDictionary()
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            index += 1
        }
    }

    private func fail(_ reason: String) -> NpyHeaderSyntaxError {
        NpyHeaderSyntaxError(reason: "\(reason) at header byte \(index)")
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        if current == byte { index += 1; return true }
        return false
    }

    private mutating func parseDictionary() throws(NpyHeaderSyntaxError) -> Fields {
        guard consume(0x7B) else { throw fail("expected '{'") }
        var descr: String?
        var fortranOrder: Bool?
        var shape: [Int]?
        while true {
            if consume(0x7D) { break }
            skipWhitespace()
            let key = try parseString()
            guard consume(0x3A) else { throw fail("expected ':' after '\(key)'") }
            skipWhitespace()
            switch key {
            case "descr":
                guard descr == nil else { throw fail("duplicate key 'descr'") }
                guard current == 0x27 || current == 0x22 else {
                    throw fail("'descr' is not a simple type string (structured arrays are not supported)")
                }
                descr = try parseString()
            case "fortran_order":
                guard fortranOrder == nil else { throw fail("duplicate key 'fortran_order'") }
                fortranOrder = try parseBool()
            case "shape":
                guard shape == nil else { throw fail("duplicate key 'shape'") }
                shape = try parseTuple()
            default:
                throw fail("unexpected key '\(key.prefix(32))' (an .npy header has exactly 'descr', 'fortran_order', 'shape')")
            }
            if consume(0x2C) { continue }
            guard consume(0x7D) else { throw fail("expected ',' or '}'") }
            break
        }
        skipWhitespace()
        guard index == bytes.count else { throw fail("unexpected text after the header dictionary") }
        guard let descr else { throw fail("missing key 'descr'") }
        guard let fortranOrder else { throw fail("missing key 'fortran_order'") }
        guard let shape else { throw fail("missing key 'shape'") }
        return Fields(descr: descr, fortranOrder: fortranOrder, shape: shape)
    }

    private mutating func parseString() throws(NpyHeaderSyntaxError) -> String {
        guard let quote = current, quote == 0x27 || quote == 0x22 else { throw fail("expected a quoted string") }
        index += 1
        let start = index
        while let byte = current, byte != quote {
            guard byte >= 0x20, byte < 0x7F, byte != 0x5C else {
                throw fail("unsupported character in a string")
            }
            index += 1
        }
        guard current == quote else { throw fail("unterminated string") }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        index += 1
        return text
    }

    private mutating func parseBool() throws(NpyHeaderSyntaxError) -> Bool {
        if matchWord("True") { return true }
        if matchWord("False") { return false }
        throw fail("'fortran_order' must be True or False")
    }

    private mutating func matchWord(_ word: String) -> Bool {
        let utf8 = Array(word.utf8)
        guard index + utf8.count <= bytes.count, Array(bytes[index..<(index + utf8.count)]) == utf8 else { return false }
        let after = index + utf8.count
        if after < bytes.count {
            let next = bytes[after]
            if (next >= 0x30 && next <= 0x39) || (next | 0x20 >= 0x61 && next | 0x20 <= 0x7A) || next == 0x5F { return false }
        }
        index = after
        return true
    }

    private mutating func parseTuple() throws(NpyHeaderSyntaxError) -> [Int] {
        guard consume(0x28) else { throw fail("'shape' must be a tuple of integers") }
        var values: [Int] = []
        if consume(0x29) { return values }
        while true {
            skipWhitespace()
            values.append(try parseInteger())
            if consume(0x29) {
                guard values.count > 1 else { throw fail("a one-element shape tuple needs a trailing comma, as in (5,)") }
                return values
            }
            guard consume(0x2C) else { throw fail("expected ',' or ')' in 'shape'") }
            if consume(0x29) { return values }
        }
    }

    private mutating func parseInteger() throws(NpyHeaderSyntaxError) -> Int {
        let start = index
        var value = 0
        while let byte = current, byte >= 0x30, byte <= 0x39 {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int(byte - 0x30))
            guard !o1, !o2 else { throw fail("dimension too large") }
            value = sum
            index += 1
        }
        guard index > start else { throw fail("'shape' must hold non-negative integers") }
        if current == 0x4C || current == 0x6C { index += 1 }  // Python 2 long suffix
        return value
    }
}
