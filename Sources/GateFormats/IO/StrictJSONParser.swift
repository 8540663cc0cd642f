/// A small, strict RFC 8259 JSON parser for safetensors headers and trace metadata.
///
/// It never traps or loops forever on any input: nesting is bounded by ``maximumDepth``,
/// every index is range-checked, and input must be valid UTF-8. Duplicate object keys,
/// lone surrogates in `\u` escapes, raw control characters in strings, leading zeros,
/// and trailing garbage are all rejected. Leading and trailing JSON whitespace is allowed
/// (safetensors headers are padded with spaces).
struct StrictJSONParser {
    /// Deepest array/object nesting accepted.
    static let maximumDepth = 64

    private let bytes: [UInt8]
    private var index = 0

    private init(bytes: [UInt8]) { self.bytes = bytes }

    /// Parses one JSON document. Errors are plain `String` descriptions with a byte offset,
    /// for the caller to wrap in a ``FormatError`` with file context.
    static func parse(_ bytes: [UInt8]) -> Result<JSONValue, JSONSyntaxError> {
        if let offset = UTF8Validation.firstInvalidOffset(in: bytes) {
            return .failure(JSONSyntaxError(offset: offset, reason: "invalid UTF-8"))
        }
        var parser = StrictJSONParser(bytes: bytes)
        do {
            parser.skipWhitespace()
            let value = try parser.parseValue(depth: 0)
            parser.skipWhitespace()
            guard parser.index == bytes.count else {
                throw JSONSyntaxError(offset: parser.index, reason: "unexpected data after the JSON value")
            }
            return .success(value)
        } catch let error as JSONSyntaxError {
            return .failure(error)
        } catch {
            return .failure(JSONSyntaxError(offset: parser.index, reason: "\(error)"))
        }
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            index += 1
        }
    }

    private func fail(_ reason: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: index, reason: reason)
    }

    private mutating func expect(_ literal: StaticString) throws {
        let start = index
        var i = 0
        let pointer = literal.utf8Start
        while i < literal.utf8CodeUnitCount {
            guard start + i < bytes.count, bytes[start + i] == pointer[i] else {
                throw fail("invalid literal (expected \(literal))")
            }
            i += 1
        }
        index = start + i
    }

    private mutating func parseValue(depth: Int) throws -> JSONValue {
        guard let byte = current else { throw fail("unexpected end of input") }
        switch byte {
        case 0x7B: return try parseObject(depth: depth + 1)
        case 0x5B: return try parseArray(depth: depth + 1)
        case 0x22: return .string(try parseString())
        case 0x74: try expect("true"); return .bool(true)
        case 0x66: try expect("false"); return .bool(false)
        case 0x6E: try expect("null"); return .null
        case 0x2D, 0x30...0x39: return try parseNumber()
        default: throw fail("unexpected character")
        }
    }

    private mutating func parseObject(depth: Int) throws -> JSONValue {
        guard depth <= StrictJSONParser.maximumDepth else { throw fail("nesting deeper than \(StrictJSONParser.maximumDepth)") }
        index += 1  // {
        var members: [(key: String, value: JSONValue)] = []
        var seen = Set<String>()
        skipWhitespace()
        if current == 0x7D { index += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard current == 0x22 else { throw fail("expected a string key") }
            let keyOffset = index
            let key = try parseString()
            guard seen.insert(key).inserted else {
                throw JSONSyntaxError(offset: keyOffset, reason: "duplicate key \"\(key.prefix(64))\"")
            }
            skipWhitespace()
            guard current == 0x3A else { throw fail("expected ':'") }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            members.append((key, value))
            skipWhitespace()
            guard let next = current else { throw fail("unexpected end of input in an object") }
            index += 1
            if next == 0x7D { return .object(members) }
            guard next == 0x2C else { index -= 1; throw fail("expected ',' or '}'") }
        }
    }

    private mutating func parseArray(depth: Int) throws -> JSONValue {
        guard depth <= StrictJSONParser.maximumDepth else { throw fail("nesting deeper than \(StrictJSONParser.maximumDepth)") }
        index += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == 0x5D { index += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            guard let next = current else { throw fail("unexpected end of input in an array") }
            index += 1
            if next == 0x5D { return .array(elements) }
            guard next == 0x2C else { index -= 1; throw fail("expected ',' or ']'") }
        }
    }

    private mutating func parseNumber() throws -> JSONValue {
        let start = index
        if current == 0x2D { index += 1 }
        guard let first = current, first >= 0x30, first <= 0x39 else { throw fail("invalid number") }
        if first == 0x30 {
            index += 1
            if let next = current, next >= 0x30, next <= 0x39 { throw fail("leading zero in a number") }
        } else {
            skipDigits()
        }
        if current == 0x2E {
            index += 1
            guard let digit = current, digit >= 0x30, digit <= 0x39 else { throw fail("expected a digit after '.'") }
            skipDigits()
        }
        if current == 0x65 || current == 0x45 {
            index += 1
            if current == 0x2B || current == 0x2D { index += 1 }
            guard let digit = current, digit >= 0x30, digit <= 0x39 else { throw fail("expected a digit in the exponent") }
            skipDigits()
        }
        return .number(String(decoding: bytes[start..<index], as: UTF8.self))
    }

    private mutating func skipDigits() {
        while let byte = current, byte >= 0x30, byte <= 0x39 { index += 1 }
    }

    private mutating func parseString() throws -> String {
        index += 1  // opening quote
        var out = [UInt8]()
        while true {
            guard let byte = current else { throw fail("unterminated string") }
            switch byte {
            case 0x22:
                index += 1
                return String(decoding: out, as: UTF8.self)
            case 0x5C:
                index += 1
                guard let escape = current else { throw fail("unterminated escape") }
                index += 1
                switch escape {
                case 0x22: out.append(0x22)
                case 0x5C: out.append(0x5C)
                case 0x2F: out.append(0x2F)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x75: try appendUnicodeEscape(to: &out)
                default: index -= 1; throw fail("invalid escape")
                }
            case 0x00..<0x20:
                throw fail("raw control character in a string")
            default:
                out.append(byte)
                index += 1
            }
        }
    }

    private mutating func parseHex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw fail("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw fail("invalid hex digit in \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private mutating func appendUnicodeEscape(to out: inout [UInt8]) throws {
        var scalarValue = try parseHex4()
        if scalarValue >= 0xD800, scalarValue < 0xDC00 {
            guard index + 1 < bytes.count, bytes[index] == 0x5C, bytes[index + 1] == 0x75 else {
                throw fail("lone leading surrogate in \\u escape")
            }
            index += 2
            let low = try parseHex4()
            guard low >= 0xDC00, low < 0xE000 else { throw fail("invalid trailing surrogate in \\u escape") }
            scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
        } else if scalarValue >= 0xDC00, scalarValue < 0xE000 {
            throw fail("lone trailing surrogate in \\u escape")
        }
        guard let scalar = Unicode.Scalar(scalarValue) else { throw fail("invalid \\u escape") }
        out.append(contentsOf: String(Character(scalar)).utf8)
    }
}
