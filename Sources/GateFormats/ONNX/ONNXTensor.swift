/// An ONNX `TensorProto`: a named, typed, shaped constant (an initializer or a `Constant` value).
public struct ONNXTensor: Sendable, Equatable {
    /// `TensorProto.DataType` codes gatescope reads.
    public enum DataType: Int, Sendable {
        case float = 1, uint8 = 2, int8 = 3, uint16 = 4, int16 = 5, int32 = 6, int64 = 7, string = 8
        case bool = 9, float16 = 10, double = 11, uint32 = 12, uint64 = 13, complex64 = 14, complex128 = 15
        case bfloat16 = 16
    }

    /// The tensor's name (how nodes refer to it).
    public var name: String
    /// The dimensions, outermost first.
    public var dims: [Int]
    /// The raw `data_type` code.
    public var dataType: Int
    /// `raw_data`: little-endian elements, when stored that way.
    public var rawData: [UInt8]?
    /// `float_data`.
    public var floatData: [Float] = []
    /// `double_data`.
    public var doubleData: [Double] = []
    /// `int32_data` (also holds FLOAT16 / BFLOAT16 bit patterns).
    public var int32Data: [Int64] = []
    /// `int64_data`.
    public var int64Data: [Int64] = []
    /// Whether the data lives in an external file (`data_location = EXTERNAL`).
    public var isExternal: Bool = false
    /// `external_data` key–value pairs (`location`, `offset`, `length`, `checksum`).
    public var externalData: [String: String] = [:]

    /// The number of elements the dims describe, or nil on overflow / negative dims.
    public var elementCount: Int? { Tensor.elementCount(of: dims) }

    /// Decodes a `TensorProto` from `reader`.
    init(reader: ProtobufReader) throws {
        var reader = reader
        name = ""
        dims = []
        dataType = 0
        while let field = try reader.next() {
            switch field.number {
            case 1: dims += try reader.integers(field.value).map { Int(clamping: $0) }
            case 2: dataType = Int(clamping: try reader.integer(field.value, field: "data_type"))
            case 4: floatData += try reader.floats(field.value)
            case 5: int32Data += try reader.integers(field.value)
            case 7: int64Data += try reader.integers(field.value)
            case 8: name = reader.string(try reader.range(field.value, field: "name"))
            case 9: rawData = Array(reader.bytes[try reader.range(field.value, field: "raw_data")])
            case 10: doubleData += try reader.doubles(field.value)
            case 13:
                var entry = try reader.nested(try reader.range(field.value, field: "external_data"))
                var key = "", value = ""
                while let f = try entry.next() {
                    if f.number == 1 { key = entry.string(try entry.range(f.value, field: "key")) }
                    if f.number == 2 { value = entry.string(try entry.range(f.value, field: "value")) }
                }
                externalData[key] = value
                isExternal = true
            case 14: if try reader.integer(field.value, field: "data_location") == 1 { isExternal = true }
            default: break
            }
        }
    }

    /// Whether the elements are integers or booleans (not floating point).
    public var isIntegral: Bool {
        guard let type = DataType(rawValue: dataType) else { return false }
        return ![.float, .float16, .bfloat16, .double].contains(type)
    }

    /// The elements as exact integers (INT64 beyond Float's range included); nil for floating-point tensors.
    public func integers(source: String?, external: ONNXExternalData? = nil) throws -> [Int64]? {
        guard isIntegral else { return nil }
        if rawData == nil, !isExternal, let type = DataType(rawValue: dataType) {
            let values = type == .int64 || type == .uint64 ? int64Data : int32Data
            guard values.count == elementCount else { return try floats(source: source).map { Int64($0) } }
            return values
        }
        guard DataType(rawValue: dataType) == .int64 || DataType(rawValue: dataType) == .uint64 else {
            return try floats(source: source, external: external).map { Int64($0) }
        }
        var copy = self
        if isExternal, let external, let count = elementCount {
            let (needed, overflow) = count.multipliedReportingOverflow(by: 8)
            guard !overflow else { throw FormatError("tensor '\(Escaped.text(name))' has dims \(dims), too large; the file is corrupt", source: source) }
            copy.rawData = try external.bytes(of: self, needed: needed)
            copy.isExternal = false
        }
        guard let raw = copy.rawData, let count = elementCount, count <= Int.max / 8, raw.count == count * 8 else {
            throw FormatError("tensor '\(Escaped.text(name))' has \(copy.rawData?.count ?? 0) bytes of raw_data but dims \(dims); the file is corrupt", source: source)
        }
        return (0..<count).map { index in
            var value: UInt64 = 0
            for byte in 0..<8 { value |= UInt64(raw[index * 8 + byte]) << (8 * UInt64(byte)) }
            return Int64(bitPattern: value)
        }
    }

    /// The elements converted to `Float` (FLOAT, FLOAT16, BFLOAT16, DOUBLE and integer types); data kept
    /// in an external file is read through `external`.
    public func floats(source: String?, external: ONNXExternalData? = nil) throws -> [Float] {
        let label = name.isEmpty ? "an unnamed tensor" : "tensor '\(Escaped.text(name))'"
        if isExternal {
            guard let external, external.directory != nil else {
                throw FormatError("\(label) keeps its data in an external file; open the model through its path so the data file next to it is found", source: source)
            }
            guard let count = elementCount, let type = DataType(rawValue: dataType), type != .string else {
                throw FormatError("\(label) has dims \(dims) and data_type \(dataType), which external data cannot hold; the file is corrupt", source: source)
            }
            let size: Int
            switch type {
            case .double, .int64, .uint64, .complex64: size = 8
            case .float, .int32, .uint32: size = 4
            case .float16, .bfloat16, .int16, .uint16: size = 2
            case .complex128: size = 16
            default: size = 1
            }
            let (needed, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow else { throw FormatError("\(label) has dims \(dims), too large; the file is corrupt", source: source) }
            var copy = self
            copy.rawData = try external.bytes(of: self, needed: needed)
            copy.isExternal = false
            return try copy.floats(source: source)
        }
        guard let count = elementCount else {
            throw FormatError("\(label) has invalid dims \(dims); the file is corrupt", source: source)
        }
        guard let type = DataType(rawValue: dataType) else {
            throw FormatError("\(label) has unknown data_type \(dataType); the file is corrupt or newer than gatescope understands", source: source)
        }
        let dtype: TensorDType
        switch type {
        case .float: dtype = .f32
        case .float16: dtype = .f16
        case .bfloat16: dtype = .bf16
        case .double: dtype = .f64
        case .int32: dtype = .i32
        case .int64: dtype = .i64
        case .int8: dtype = .i8
        case .uint8: dtype = .u8
        case .int16: dtype = .i16
        case .uint16: dtype = .u16
        case .bool: dtype = .bool
        case .uint32: dtype = .u32
        case .uint64: dtype = .u64
        case .string, .complex64, .complex128:
            throw FormatError("\(label) has data type \(type), not numbers; recurrent weights must be floats", source: source)
        }
        let values: [Float]
        if let rawData {
            let (needed, overflow) = count.multipliedReportingOverflow(by: dtype.byteCount)
            guard !overflow, rawData.count == needed else {
                throw FormatError("\(label) has \(rawData.count) bytes of raw_data but dims \(dims) need \(overflow ? "more than can be addressed" : String(needed)); the file is corrupt", source: source)
            }
            values = rawData.withUnsafeBytes { buffer in
                guard let base = buffer.baseAddress else { return [] }
                return FloatConversion.floats(from: base, count: count, dtype: dtype)
            }
        } else {
            switch type {
            case .float: values = floatData
            case .double: values = doubleData.map(Float.init)
            case .float16: values = int32Data.map { FloatConversion.float(fromHalfBits: UInt16(truncatingIfNeeded: $0)) }
            case .bfloat16: values = int32Data.map { FloatConversion.float(fromBFloat16Bits: UInt16(truncatingIfNeeded: $0)) }
            case .int64: values = int64Data.map(Float.init)
            default: values = int32Data.map(Float.init)
            }
        }
        guard values.count == count else {
            throw FormatError("\(label) holds \(values.count) values but dims \(dims) need \(count); the file is corrupt", source: source)
        }
        return values
    }
}
