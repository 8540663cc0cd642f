extension ONNXConstantFolder {
    /// Output `output` of `node` when every input it needs is constant; nil otherwise.
    mutating func fold(_ node: ONNXNode, label: String, output: Int, scope: ONNXScope) throws -> ONNXValue? {
        let source = self.source
        func fail(_ message: String) -> FormatError {
            FormatError("\(node.opType) node '\(label)': \(message)", source: source)
        }
        var inputs: [ONNXValue?] = []
        for name in node.inputs {
            if name.isEmpty { inputs.append(nil); continue }
            guard let value = try value(of: name, in: scope) else { return nil }
            inputs.append(value)
        }
        func input(_ index: Int) -> ONNXValue? { index < inputs.count ? inputs[index] : nil }
        func required(_ index: Int) throws -> ONNXValue {
            guard let value = input(index) else { throw fail("lacks its input \(index + 1)") }
            return value
        }
        func ints(_ value: ONNXValue?, _ what: String) throws -> [Int]? {
            guard let value else { return nil }
            guard let raw = value.integers(exact: true) else { throw fail("its \(what) are not integers") }
            return raw.map { Int(clamping: $0) }
        }
        func axisList(_ attribute: String, input index: Int) throws -> [Int]? {
            if let list = node.attribute(attribute)?.ints, !list.isEmpty || node.attribute(attribute) != nil {
                return list.map { Int(clamping: $0) }
            }
            return try ints(input(index), attribute)
        }
        func normalised(_ axis: Int, rank: Int) throws -> Int {
            let value = axis < 0 ? axis + rank : axis
            guard value >= 0, value < rank else { throw fail("axis \(axis) is outside rank \(rank)") }
            return value
        }
        func checked(_ dims: [Int]) throws -> [Int] {
            guard ONNXValue.elementCount(dims, limit: Self.largestCount) != nil else {
                throw fail("would make dims \(dims), beyond \(Self.largestCount) elements")
            }
            return dims
        }

        switch node.opType {
        case "Constant":
            return try constantValue(node, fail: fail)
        case "Identity":
            return try required(0)
        case "Cast":
            let x = try required(0)
            guard let to = node.attribute("to")?.int, let type = ONNXTensor.DataType(rawValue: Int(clamping: to)) else {
                throw fail("has no valid 'to' type")
            }
            switch type {
            case .float, .double, .float16, .bfloat16:
                return ONNXValue(dims: x.dims, elements: .floats(x.floats))
            case .bool:
                return ONNXValue(dims: x.dims, elements: .integers(x.floats.map { $0 != 0 ? 1 : 0 }))
            case .string, .complex64, .complex128:
                return nil
            default:
                return ONNXValue(dims: x.dims, elements: .integers(x.integers()!))
            }
        case "Reshape":
            let x = try required(0)
            guard let shape = try ints(input(1) ?? node.attribute("shape").map { ONNXValue(dims: [$0.ints.count], elements: .integers($0.ints)) }, "shape") else {
                throw fail("has no shape")
            }
            let allowZero = (node.attribute("allowzero")?.int ?? 0) != 0
            var dims: [Int] = []
            var inferred: Int? = nil
            for (axis, dim) in shape.enumerated() {
                if dim == -1 {
                    guard inferred == nil else { throw fail("has more than one -1 in its shape \(shape)") }
                    inferred = axis
                    dims.append(1)
                } else if dim == 0, !allowZero {
                    guard axis < x.dims.count else { throw fail("copies dimension \(axis) that its input (dims \(x.dims)) lacks") }
                    dims.append(x.dims[axis])
                } else {
                    guard dim >= 0 else { throw fail("has a negative size in its shape \(shape)") }
                    dims.append(dim)
                }
            }
            guard let known = ONNXValue.elementCount(dims, limit: Self.largestCount) else { throw fail("has shape \(shape), far too large") }
            if let inferred {
                guard known > 0, x.count % known == 0 else { throw fail("cannot reshape dims \(x.dims) to \(shape)") }
                dims[inferred] = x.count / known
            }
            guard ONNXValue.elementCount(dims, limit: Self.largestCount) == x.count else {
                throw fail("cannot reshape dims \(x.dims) (\(x.count) elements) to \(dims)")
            }
            return ONNXValue(dims: dims, elements: x.elements)
        case "Unsqueeze":
            let x = try required(0)
            guard let axes = try axisList("axes", input: 1) else { throw fail("has no axes") }
            let rank = x.dims.count + axes.count
            let positions = Set(try axes.map { try normalised($0, rank: rank) })
            guard positions.count == axes.count else { throw fail("repeats an axis in \(axes)") }
            var dims: [Int] = []
            var next = x.dims.makeIterator()
            for axis in 0..<rank { dims.append(positions.contains(axis) ? 1 : next.next()!) }
            return ONNXValue(dims: dims, elements: x.elements)
        case "Squeeze":
            let x = try required(0)
            let axes = try axisList("axes", input: 1)
            let rank = x.dims.count
            let positions = try axes.map { Set(try $0.map { try normalised($0, rank: rank) }) } ?? Set(x.dims.indices.filter { x.dims[$0] == 1 })
            for axis in positions where x.dims[axis] != 1 { throw fail("squeezes axis \(axis) of size \(x.dims[axis])") }
            return ONNXValue(dims: x.dims.indices.filter { !positions.contains($0) }.map { x.dims[$0] }, elements: x.elements)
        case "Transpose":
            let x = try required(0)
            let rank = x.dims.count
            let perm = node.attribute("perm").map { $0.ints.map { Int(clamping: $0) } } ?? Array((0..<rank).reversed())
            guard perm.count == rank, Set(perm) == Set(0..<rank) else { throw fail("has perm \(perm) for rank \(rank)") }
            let dims = perm.map { x.dims[$0] }
            let strides = ONNXValue.strides(x.dims)
            return x.picking(StridedOffsets.offsets(dims: dims, strides: perm.map { strides[$0] }, base: 0), dims: dims)
        case "Concat":
            let parts = try node.inputs.indices.map { try required($0) }
            guard let first = parts.first else { throw fail("has no inputs") }
            guard let rawAxis = node.attribute("axis")?.int else { throw fail("has no axis") }
            let axis = try normalised(Int(clamping: rawAxis), rank: first.dims.count)
            var dims = first.dims
            dims[axis] = 0
            for part in parts {
                guard part.dims.count == first.dims.count,
                      part.dims.indices.allSatisfy({ $0 == axis || part.dims[$0] == first.dims[$0] }) else {
                    throw fail("joins dims \(first.dims) and \(part.dims) along axis \(axis)")
                }
                let (sum, overflow) = dims[axis].addingReportingOverflow(part.dims[axis])
                guard !overflow else { throw fail("would make dims beyond \(Self.largestCount) elements") }
                dims[axis] = sum
            }
            dims = try checked(dims)
            let outer = dims[..<axis].reduce(1, *)
            var floats: [Float] = [], integers: [Int64] = []
            let allIntegers = parts.allSatisfy { if case .integers = $0.elements { true } else { false } }
            for o in 0..<outer {
                for part in parts {
                    let inner = part.dims[axis...].reduce(1, *)
                    let range = (o * inner)..<((o + 1) * inner)
                    if allIntegers { integers += part.integers()![range] } else { floats += part.floats[range] }
                }
            }
            return ONNXValue(dims: dims, elements: allIntegers ? .integers(integers) : .floats(floats))
        case "Split":
            let x = try required(0)
            let axis = try normalised(Int(clamping: node.attribute("axis")?.int ?? 0), rank: x.dims.count)
            let length = x.dims[axis]
            var sizes = try node.attribute("split").map { $0.ints.map { Int(clamping: $0) } } ?? ints(input(1), "split sizes")
            if sizes == nil || sizes!.isEmpty {
                let parts = Int(clamping: node.attribute("num_outputs")?.int ?? Int64(node.outputs.count))
                guard parts > 0, parts <= max(length, 1) else { throw fail("splits axis \(axis) of length \(length) into \(parts) parts") }
                let size = length == 0 ? 0 : (length - 1) / parts + 1
                sizes = (0..<parts).map { max(0, min(size, length - $0 * size)) }
            }
            guard let sizes, sizes.allSatisfy({ $0 >= 0 }), sizes.reduce(0, +) == length, output < sizes.count else {
                throw fail("splits axis \(axis) of length \(length) into \(sizes ?? [])")
            }
            let start = sizes[..<output].reduce(0, +)
            return try slice(x, starts: [start], ends: [start + sizes[output]], axes: [axis], steps: [1], fail: fail)
        case "Slice":
            let x = try required(0)
            let starts: [Int], ends: [Int], axes: [Int]?, steps: [Int]?
            if opset < 10 || node.attribute("starts") != nil {
                starts = node.attribute("starts")?.ints.map { Int(clamping: $0) } ?? []
                ends = node.attribute("ends")?.ints.map { Int(clamping: $0) } ?? []
                axes = node.attribute("axes").map { $0.ints.map { Int(clamping: $0) } }
                steps = nil
            } else {
                starts = try ints(try required(1), "starts")!
                ends = try ints(try required(2), "ends")!
                axes = try ints(input(3), "axes")
                steps = try ints(input(4), "steps")
            }
            let axisList = try (axes ?? Array(0..<starts.count)).map { try normalised($0, rank: x.dims.count) }
            return try slice(x, starts: starts, ends: ends, axes: axisList, steps: steps ?? Array(repeating: 1, count: starts.count), fail: fail)
        case "Gather":
            let data = try required(0)
            let indexValue = try required(1)
            guard let rawIndices = indexValue.integers(exact: true) else { throw fail("its indices are not integers") }
            guard !data.dims.isEmpty else { throw fail("gathers from a scalar") }
            let axis = try normalised(Int(clamping: node.attribute("axis")?.int ?? 0), rank: data.dims.count)
            let size = data.dims[axis]
            let indices = try rawIndices.map { raw -> Int in
                let index = Int(clamping: raw < 0 ? raw + Int64(size) : raw)
                guard index >= 0, index < size else { throw fail("index \(raw) is outside axis \(axis) of length \(size)") }
                return index
            }
            let dims = try checked(Array(data.dims[..<axis]) + indexValue.dims + Array(data.dims[(axis + 1)...]))
            let outer = data.dims[..<axis].reduce(1, *)
            let inner = data.dims[(axis + 1)...].reduce(1, *)
            var picks: [Int] = []
            picks.reserveCapacity(dims.reduce(1, *))
            for o in 0..<outer {
                for index in indices {
                    let base = (o * size + index) * inner
                    picks.append(contentsOf: base..<(base + inner))
                }
            }
            return data.picking(picks, dims: dims)
        default:
            return nil
        }
    }

    /// A `Constant` node's value (`value`, `value_float(s)`, `value_int(s)`).
    private func constantValue(_ node: ONNXNode, fail: (String) -> FormatError) throws -> ONNXValue? {
        if let tensor = node.attribute("value")?.tensor { return try Self.decode(tensor, external: external, source: source) }
        if let attribute = node.attribute("value_float"), let f = attribute.float { return ONNXValue(dims: [], elements: .floats([f])) }
        if let attribute = node.attribute("value_floats") { return ONNXValue(dims: [attribute.floats.count], elements: .floats(attribute.floats)) }
        if let attribute = node.attribute("value_int"), let i = attribute.int { return ONNXValue(dims: [], elements: .integers([i])) }
        if let attribute = node.attribute("value_ints") { return ONNXValue(dims: [attribute.ints.count], elements: .integers(attribute.ints)) }
        return nil
    }

    /// `x` cut along `axes` from `starts` to `ends` (exclusive) by `steps`, with ONNX's clamping rules.
    private func slice(_ x: ONNXValue, starts: [Int], ends: [Int], axes: [Int], steps: [Int],
                       fail: (String) -> FormatError) throws -> ONNXValue {
        guard starts.count == ends.count, axes.count == starts.count, steps.count == starts.count else {
            throw fail("has \(starts.count) starts, \(ends.count) ends, \(axes.count) axes and \(steps.count) steps")
        }
        guard Set(axes).count == axes.count else { throw fail("repeats an axis in \(axes)") }
        var ranges = x.dims.map { (start: 0, step: 1, count: $0) }
        for (k, axis) in axes.enumerated() {
            let size = x.dims[axis]
            guard steps[k] != 0 else { throw fail("has a zero step") }
            // A step longer than the axis picks at most one element; capping it keeps offsets in range.
            let step = steps[k] > 0 ? min(steps[k], max(size, 1)) : max(steps[k], -max(size, 1))
            func clampIndex(_ raw: Int, low: Int, high: Int) -> Int {
                let value = raw < 0 ? raw &+ size : raw
                return min(max(value, low), high)
            }
            let start: Int, end: Int, count: Int
            if step > 0 {
                start = clampIndex(starts[k], low: 0, high: size)
                end = clampIndex(ends[k], low: 0, high: size)
                count = end > start ? (end - start - 1) / step + 1 : 0
            } else {
                start = clampIndex(starts[k], low: 0, high: size - 1)
                end = clampIndex(ends[k], low: -1, high: size - 1)
                count = start > end ? (start - end - 1) / (0 &- step) + 1 : 0
            }
            ranges[axis] = (start, step, max(count, 0))
        }
        let dims = ranges.map(\.count)
        let strides = ONNXValue.strides(x.dims)
        let base = ranges.indices.reduce(0) { $0 + ranges[$1].start * strides[$1] }
        return x.picking(StridedOffsets.offsets(dims: dims, strides: ranges.indices.map { ranges[$0].step * strides[$0] }, base: base), dims: dims)
    }
}
