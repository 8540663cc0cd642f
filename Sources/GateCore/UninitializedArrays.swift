/// Builds several `[Float]` arrays whose storage a kernel writes directly, so that nothing is
/// zero-filled first and nothing is copied after (both showed up as 15% of an LSTM step).
enum UninitializedArrays {
    /// Calls `body` with a pointer to the storage of each of `count` arrays of `size` elements, then
    /// returns the arrays. `body` must write every element of every array.
    static func make(count: Int, size: Int, _ body: ([UnsafeMutablePointer<Float>]) -> Void) -> [[Float]] {
        guard size > 0 else {
            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: 1)
            defer { scratch.deallocate() }
            body([UnsafeMutablePointer<Float>](repeating: scratch, count: count))
            return [[Float]](repeating: [], count: count)
        }
        var arrays: [[Float]] = []
        func level(_ pointers: [UnsafeMutablePointer<Float>]) {
            if pointers.count == count {
                body(pointers)
                return
            }
            // Each array's buffer is valid only inside its initializer: nest the next one inside it.
            let array = [Float](unsafeUninitializedCapacity: size) { buffer, initialized in
                level(pointers + [buffer.baseAddress!])
                initialized = size
            }
            arrays.insert(array, at: 0)
        }
        level([])
        return arrays
    }
}
