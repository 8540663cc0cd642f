/// A tensor as `torch._utils._rebuild_tensor_v2` describes it: a view of a storage.
struct TorchTensorReference: Equatable {
    /// The storage the elements come from.
    let storage: TorchStorageReference
    /// Elements of the storage skipped before the first element.
    let offset: Int
    /// The tensor's shape.
    let shape: [Int]
    /// Elements to step in the storage per index of each dimension.
    let stride: [Int]

    /// Which storage elements the view reaches (its first and last), nil for an empty tensor, or a
    /// description of what is invalid (negative values, overflow).
    func reach() -> Result<ClosedRange<Int>?, TorchViewError> {
        guard offset >= 0, shape.count == stride.count else { return .failure(.malformed) }
        var last = offset
        for (size, step) in zip(shape, stride) {
            guard size >= 0, step >= 0 else { return .failure(.malformed) }
            if size == 0 { return .success(nil) }
            let (span, overflowA) = (size - 1).multipliedReportingOverflow(by: step)
            let (sum, overflowB) = last.addingReportingOverflow(span)
            guard !overflowA, !overflowB else { return .failure(.overflow) }
            last = sum
        }
        return .success(offset...last)
    }
}
