/// One named tensor: element type, shape, and its raw little-endian bytes in C order.
public struct Tensor: Equatable, Sendable {
    /// The tensor's name, e.g. `weight_ih_l0`.
    public let name: String
    /// The stored element type.
    public let dtype: TensorDType
    /// Dimensions in C order (last index fastest). `[]` is a scalar.
    public let shape: [Int]
    /// Raw element bytes, little-endian, C order; `bytes.count == elementCount * dtype.byteCount`.
    public let bytes: [UInt8]

    /// Creates a tensor from raw bytes, checking that the byte count matches the shape.
    public init(name: String, dtype: TensorDType, shape: [Int], bytes: [UInt8]) throws {
        guard let count = Tensor.elementCount(of: shape) else {
            throw FormatError("tensor '\(name)': shape \(shape) has a negative dimension or too many elements; use non-negative dimensions")
        }
        let (byteCount, overflow) = count.multipliedReportingOverflow(by: dtype.byteCount)
        guard !overflow, byteCount == bytes.count else {
            throw FormatError("tensor '\(name)': shape \(shape) of \(dtype.rawValue) needs \(overflow ? "too many" : String(byteCount)) bytes but \(bytes.count) were given; pass data matching the shape")
        }
        self.name = name
        self.dtype = dtype
        self.shape = shape
        self.bytes = bytes
    }

    /// Creates an F32 tensor from floats in C order.
    public init(name: String, shape: [Int], floats: [Float]) throws {
        var bytes = [UInt8]()
        bytes.reserveCapacity(floats.count * 4)
        #if _endian(little)
        floats.withUnsafeBytes { bytes.append(contentsOf: $0) }
        #else
        for value in floats {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
        #endif
        try self.init(name: name, dtype: .f32, shape: shape, bytes: bytes)
    }

    /// Number of elements (the product of `shape`; 1 for a scalar).
    public var elementCount: Int { shape.reduce(1, *) }

    /// The elements converted to `Float` exactly as numpy's `astype(np.float32)` does.
    ///
    /// F16 and BF16 widen exactly (F16 subnormals, infinities and NaN payloads included), F64 and
    /// 64/32-bit integers round to nearest, BOOL becomes 0 or 1.
    public func floats() throws -> [Float] {
        let count = bytes.count / dtype.byteCount
        guard count * dtype.byteCount == bytes.count else {
            throw FormatError("tensor '\(name)': \(bytes.count) bytes is not a whole number of \(dtype.rawValue) elements; the tensor data is corrupt")
        }
        return bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return [] }
            return FloatConversion.floats(from: base, count: count, dtype: dtype)
        }
    }

    /// Product of `shape`, or nil when a dimension is negative or the product overflows `Int`.
    static func elementCount(of shape: [Int]) -> Int? {
        var count = 1
        for dimension in shape {
            guard dimension >= 0 else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow else { return nil }
            count = product
        }
        return count
    }
}
