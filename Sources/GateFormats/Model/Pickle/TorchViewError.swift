/// Why a tensor view cannot be read.
enum TorchViewError: Error {
    /// Negative sizes, strides or offset, or a stride list of another length than the shape.
    case malformed
    /// Offsets too large to compute.
    case overflow
}
