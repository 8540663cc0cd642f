/// Walks every index of an n-dimensional shape in C order (last axis fastest) and lists the flat
/// offset each one has under other strides: the core of transposes, slices and Fortran-order reads.
enum StridedOffsets {
    /// `base + Σ index[a]·strides[a]` for every index of `dims`, in C order.
    static func offsets(dims: [Int], strides: [Int], base: Int) -> [Int] {
        let count = dims.reduce(1, *)
        guard count > 0 else { return [] }
        var result: [Int] = []
        result.reserveCapacity(count)
        var index = [Int](repeating: 0, count: dims.count)
        var offset = base
        for _ in 0..<count {
            result.append(offset)
            var axis = dims.count - 1
            while axis >= 0 {
                index[axis] += 1
                offset += strides[axis]
                if index[axis] < dims[axis] { break }
                offset -= strides[axis] * dims[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return result
    }
}
