/// A bounds-checked reader of the protobuf wire format over a byte array.
///
/// It never traps on malformed input: every read checks the remaining length, varints longer than
/// ten bytes, lengths past the end, group wire types and field number 0 are reported as
/// ``FormatError``s. Nested messages are decoded by readers over sub-ranges of the same bytes
/// (no copies); callers pass `depth` along and ``ProtobufReader/maximumDepth`` bounds recursion.
struct ProtobufReader {
    /// Deepest nesting of messages accepted (ONNX needs four: model, graph, node, attribute, tensor).
    static let maximumDepth = 32

    /// The whole buffer; fields refer to ranges in it.
    let bytes: [UInt8]
    /// Where reading stops.
    let end: Int
    /// The next byte to read.
    private(set) var position: Int
    /// How deeply this message is nested.
    let depth: Int
    /// Names the file in errors.
    let source: String?

    /// A reader over `range` of `bytes` at nesting `depth`.
    init(bytes: [UInt8], range: Range<Int>? = nil, depth: Int = 0, source: String?) throws {
        let range = range ?? 0..<bytes.count
        guard depth <= Self.maximumDepth else {
            throw FormatError("protobuf messages are nested more than \(Self.maximumDepth) deep; the file is corrupt or not ONNX", source: source)
        }
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else {
            throw FormatError("a protobuf message runs past the end of the file; the file is truncated", source: source)
        }
        self.bytes = bytes
        self.position = range.lowerBound
        self.end = range.upperBound
        self.depth = depth
        self.source = source
    }

    /// A reader for the message stored in `range` (one level deeper).
    func nested(_ range: Range<Int>) throws -> ProtobufReader {
        try ProtobufReader(bytes: bytes, range: range, depth: depth + 1, source: source)
    }

    /// Whether every byte has been read.
    var isAtEnd: Bool { position >= end }

    private func corrupt(_ what: String) -> FormatError {
        FormatError("\(what) at byte \(position); the file is truncated or not an ONNX model", source: source)
    }

    /// Reads a base-128 varint.
    mutating func readVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else { throw corrupt("a varint runs past the end of its message") }
            let byte = bytes[position]
            position += 1
            if shift == 63 && byte > 1 { throw corrupt("a varint overflows 64 bits") }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            guard shift < 64 else { throw corrupt("a varint is longer than 10 bytes") }
        }
    }

    /// Reads `count` little-endian bytes as an unsigned integer.
    private mutating func readLittleEndian(_ count: Int) throws -> UInt64 {
        guard end - position >= count else { throw corrupt("a fixed-size value runs past the end of its message") }
        var value: UInt64 = 0
        for k in 0..<count { value |= UInt64(bytes[position + k]) << UInt64(8 * k) }
        position += count
        return value
    }

    /// Reads the next field, or nil at the end of the message.
    mutating func next() throws -> ProtobufField? {
        guard !isAtEnd else { return nil }
        let key = try readVarint()
        let number = key >> 3
        guard number > 0, number <= 536_870_911 else { throw corrupt("field number \(number) is invalid") }
        guard let wire = ProtobufWireType(rawValue: UInt8(key & 7)) else {
            throw corrupt("wire type \(key & 7) is invalid")
        }
        let value: ProtobufValue
        switch wire {
        case .varint:
            value = .varint(try readVarint())
        case .fixed64:
            value = .fixed64(try readLittleEndian(8))
        case .fixed32:
            value = .fixed32(UInt32(try readLittleEndian(4)))
        case .lengthDelimited:
            let length = try readVarint()
            guard length <= UInt64(end - position) else {
                throw corrupt("a field of \(length) bytes runs past the end of its message")
            }
            let start = position
            position += Int(length)
            value = .bytes(start..<position)
        case .startGroup, .endGroup:
            throw corrupt("protobuf groups are not used by ONNX")
        }
        return ProtobufField(number: Int(number), value: value)
    }

    /// The UTF-8 string in `range` (invalid sequences are replaced, never trapped on).
    func string(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The varints packed in `range` (a packed repeated integer field).
    func packedVarints(_ range: Range<Int>) throws -> [UInt64] {
        var reader = try ProtobufReader(bytes: bytes, range: range, depth: depth, source: source)
        var values: [UInt64] = []
        while !reader.isAtEnd { values.append(try reader.readVarint()) }
        return values
    }

    /// The 4-byte values packed in `range` (packed floats / fixed32).
    func packedFixed32(_ range: Range<Int>) throws -> [UInt32] {
        try packedLittleEndian(range, what: "float")
    }

    /// The 8-byte values packed in `range` (packed doubles / fixed64).
    func packedFixed64(_ range: Range<Int>) throws -> [UInt64] {
        try packedLittleEndian(range, what: "double")
    }

    /// The little-endian fixed-width integers packed in `range`; `what` names the element in the error.
    private func packedLittleEndian<Value: FixedWidthInteger & UnsignedInteger>(_ range: Range<Int>, what: String) throws -> [Value] {
        let width = Value.bitWidth / 8
        guard range.count % width == 0 else {
            throw corrupt("a packed \(what) array has \(range.count) bytes, not a multiple of \(width)")
        }
        var values: [Value] = []
        values.reserveCapacity(range.count / width)
        var index = range.lowerBound
        while index < range.upperBound {
            var value: Value = 0
            for k in 0..<width { value |= Value(bytes[index + k]) << (8 * k) }
            values.append(value)
            index += width
        }
        return values
    }

    /// The integers of a repeated int field, packed or not: `value` is one occurrence of it.
    func integers(_ value: ProtobufValue) throws -> [Int64] {
        switch value {
        case .varint(let v): return [Int64(bitPattern: v)]
        case .bytes(let range): return try packedVarints(range).map { Int64(bitPattern: $0) }
        case .fixed32, .fixed64: throw corrupt("an integer field has a fixed-size wire type")
        }
    }

    /// The floats of a repeated float field, packed or not.
    func floats(_ value: ProtobufValue) throws -> [Float] {
        switch value {
        case .fixed32(let bits): return [Float(bitPattern: bits)]
        case .bytes(let range): return try packedFixed32(range).map(Float.init(bitPattern:))
        case .varint, .fixed64: throw corrupt("a float field has the wrong wire type")
        }
    }

    /// The doubles of a repeated double field, packed or not.
    func doubles(_ value: ProtobufValue) throws -> [Double] {
        switch value {
        case .fixed64(let bits): return [Double(bitPattern: bits)]
        case .bytes(let range): return try packedFixed64(range).map(Double.init(bitPattern:))
        case .varint, .fixed32: throw corrupt("a double field has the wrong wire type")
        }
    }

    /// The byte range of a length-delimited field.
    func range(_ value: ProtobufValue, field: String) throws -> Range<Int> {
        guard case .bytes(let range) = value else { throw corrupt("field '\(field)' should be length-delimited") }
        return range
    }

    /// The integer of a varint field.
    func integer(_ value: ProtobufValue, field: String) throws -> Int64 {
        guard case .varint(let v) = value else { throw corrupt("field '\(field)' should be a varint") }
        return Int64(bitPattern: v)
    }
}
