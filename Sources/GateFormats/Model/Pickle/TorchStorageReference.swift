/// A tensor storage as a torch pickle's persistent id names it:
/// `('storage', torch.FloatStorage, '0', 'cpu', 48)` → the archive member `data/0`.
struct TorchStorageReference: Equatable {
    /// The record key: the member is `<archive>/<pickle dir>/<key>`.
    let key: String
    /// The element type the storage class implies; nil for one gatescope cannot read (complex, quantised).
    let dtype: TensorDType?
    /// The storage class, e.g. `FloatStorage`, for messages.
    let className: String
    /// Elements the storage holds, as the pickle claims (checked against the member's size).
    let elementCount: Int
    /// Which pickle it came from (`data` or `constants`), which decides its member directory.
    let directory: String

    /// The dtype of a legacy storage class (`FloatStorage` → F32), or nil for one gatescope cannot read.
    static func dtype(ofStorageClass name: String) -> TensorDType? {
        switch name {
        case "FloatStorage": .f32
        case "DoubleStorage": .f64
        case "HalfStorage": .f16
        case "BFloat16Storage": .bf16
        case "LongStorage": .i64
        case "IntStorage": .i32
        case "ShortStorage": .i16
        case "CharStorage": .i8
        case "ByteStorage", "UntypedStorage": .u8
        case "BoolStorage": .bool
        default: nil
        }
    }
}
