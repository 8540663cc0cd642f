/// A constant tensor during ONNX constant folding: dims and elements, kept as integers (shapes, axes,
/// indices — exact, INT64 included) or as floats (weights).
public struct ONNXValue: Sendable, Equatable {
    /// The elements, in C order.
    public enum Elements: Sendable, Equatable {
        /// Floating-point elements (FLOAT, DOUBLE, FLOAT16, BFLOAT16 read as Float).
        case floats([Float])
        /// Integer or boolean elements.
        case integers([Int64])
    }

    /// The dimensions, outermost first.
    public var dims: [Int]
    /// The elements: the product of `dims` of them.
    public var elements: Elements

    /// Number of elements.
    public var count: Int {
        switch elements {
        case .floats(let v): v.count
        case .integers(let v): v.count
        }
    }

    /// The elements as floats.
    public var floats: [Float] {
        switch elements {
        case .floats(let v): v
        case .integers(let v): v.map { Float($0) }
        }
    }

    /// The elements as integers (floats truncated toward zero, non-finite ones as 0), or nil for floats
    /// when `exact` is asked.
    public func integers(exact: Bool = false) -> [Int64]? {
        switch elements {
        case .integers(let v): return v
        case .floats(let v):
            if exact { return nil }
            return v.map { $0.isFinite ? Int64(exactly: $0.rounded(.towardZero)) ?? ($0 < 0 ? .min : .max) : 0 }
        }
    }

    /// The value with the same elements picked at `indices` (each a flat index into this value).
    func picking(_ indices: [Int], dims: [Int]) -> ONNXValue {
        switch elements {
        case .floats(let v): ONNXValue(dims: dims, elements: .floats(indices.map { v[$0] }))
        case .integers(let v): ONNXValue(dims: dims, elements: .integers(indices.map { v[$0] }))
        }
    }

    /// Row-major strides for `dims`.
    static func strides(_ dims: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: dims.count)
        var stride = 1
        for axis in dims.indices.reversed() {
            strides[axis] = stride
            stride *= dims[axis]
        }
        return strides
    }

    /// The product of `dims`, or nil when a dim is negative or the product of the non-zero dims exceeds
    /// `limit` (so that no partial product of these dims can overflow, even when one dim is 0).
    static func elementCount(_ dims: [Int], limit: Int) -> Int? {
        var nonZero = 1
        var hasZero = false
        for dim in dims {
            guard dim >= 0 else { return nil }
            if dim == 0 { hasZero = true; continue }
            let (product, overflow) = nonZero.multipliedReportingOverflow(by: dim)
            guard !overflow, product <= limit else { return nil }
            nonZero = product
        }
        return hasZero ? 0 : nonZero
    }
}
