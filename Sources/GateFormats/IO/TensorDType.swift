/// The element types a safetensors file (and, through ``NpyArray``, an .npy file) can hold.
///
/// Raw values are the safetensors spellings. Every type converts to `Float` through
/// ``Tensor/floats()``; booleans become 0 and 1, integers round to the nearest `Float`.
public enum TensorDType: String, CaseIterable, Sendable {
    case f64 = "F64"
    case f32 = "F32"
    case f16 = "F16"
    case bf16 = "BF16"
    case i64 = "I64"
    case i32 = "I32"
    case i16 = "I16"
    case i8 = "I8"
    case u64 = "U64"
    case u32 = "U32"
    case u16 = "U16"
    case u8 = "U8"
    case bool = "BOOL"

    /// Bytes per element.
    public var byteCount: Int {
        switch self {
        case .f64, .i64, .u64: return 8
        case .f32, .i32, .u32: return 4
        case .f16, .bf16, .i16, .u16: return 2
        case .i8, .u8, .bool: return 1
        }
    }

    /// True for the floating-point types (F64, F32, F16, BF16).
    public var isFloatingPoint: Bool {
        switch self {
        case .f64, .f32, .f16, .bf16: return true
        default: return false
        }
    }

    /// The rank of this type in the reference writer's `Dtype` enum (declared in order of size).
    ///
    /// The reference writer (`safetensors::tensor::prepare`) lays tensors out by this rank,
    /// largest first, then by name, so that every tensor stays aligned to its element size.
    var referenceWriterRank: Int {
        switch self {
        case .bool: return 0
        case .u8: return 4
        case .i8: return 5
        case .i16: return 9
        case .u16: return 10
        case .f16: return 11
        case .bf16: return 12
        case .i32: return 13
        case .u32: return 14
        case .f32: return 15
        case .f64: return 16
        case .i64: return 17
        case .u64: return 18
        }
    }

    /// The dtype names the reader accepts, for error messages.
    static var knownNames: String {
        allCases.map(\.rawValue).joined(separator: ", ")
    }
}
