#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
#if canImport(GateCore)
import GateCore
#endif

/// A NumPy `.npy` array (format versions 1.0, 2.0 and 3.0), with values converted to `Float`.
///
/// Reading accepts float (`f2`, `f4`, `f8`), integer (`i1`–`i8`, `u1`–`u8`) and boolean (`b1`)
/// element types in either byte order, and Fortran-ordered arrays (transposed to C order on
/// read). Writing produces version 1.0 (2.0 when the header needs it) with `'<f4'`, exactly as
/// `np.save` lays it out.
public struct NpyArray: Equatable, Sendable {
    /// The .npy magic string `\x93NUMPY`.
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]

    /// Dimensions in C order.
    public let shape: [Int]
    /// The element type stored in the file (``TensorDType/f32`` for arrays built in memory).
    public let storedType: TensorDType
    /// Elements in C order (last index fastest), converted to `Float` as numpy's `astype(np.float32)`.
    public let values: [Float]

    /// An F32 array over `values` (C order); `values.count` must equal the product of `shape`.
    public init(shape: [Int], values: [Float]) throws {
        guard let count = Tensor.elementCount(of: shape), count == values.count else {
            throw FormatError("shape \(shape) does not hold \(values.count) values; pass a shape whose product is the value count")
        }
        self.shape = shape
        self.storedType = .f32
        self.values = values
    }

    /// A `[rows, columns]` F32 array holding `matrix`.
    public init(matrix: Matrix) {
        self.shape = [matrix.rows, matrix.columns]
        self.storedType = .f32
        self.values = matrix.values
    }

    /// Parses an .npy file held in `bytes`; `source` names it in errors.
    public init(bytes: [UInt8], source: String? = nil) throws {
        let layout = try Self.layout(of: bytes, total: bytes.count, source: source)!
        var values = bytes.withUnsafeBytes { raw in
            FloatConversion.floats(from: raw.baseAddress! + layout.dataStart, count: layout.count, dtype: layout.dtype,
                                   bigEndian: layout.bigEndian)
        }
        if layout.fortranOrder && layout.shape.count > 1 {
            values = NpyArray.cOrder(fromFortranOrder: values, shape: layout.shape)
        }
        self.init(checkedShape: layout.shape, storedType: layout.dtype, values: values)
    }

    /// Where an .npy file's elements are and what they are.
    struct Layout {
        /// Dimensions in C order.
        var shape: [Int]
        /// Element type.
        var dtype: TensorDType
        /// Whether elements are stored big-endian.
        var bigEndian: Bool
        /// Elements stored in Fortran order.
        var fortranOrder: Bool
        /// Number of elements.
        var count: Int
        /// Offset of the first element.
        var dataStart: Int
    }

    /// The layout of a `total`-byte .npy file whose first bytes are `bytes`, checked against its size;
    /// nil when the header runs past `bytes` (read more of the file). `source` names it in errors.
    static func layout(of bytes: [UInt8], total: Int, source: String?) throws -> Layout? {
        func failure(_ message: String) -> FormatError { FormatError(message, source: source) }
        guard bytes.starts(with: NpyArray.magic) else {
            throw failure("does not start with the .npy magic \\x93NUMPY; save the array with numpy.save")
        }
        guard total >= 10, bytes.count >= 10 else { throw failure("is truncated inside the .npy preamble; the file is incomplete") }
        let major = bytes[6]
        let minor = bytes[7]
        let headerStart: Int
        let headerLength: Int
        switch major {
        case 1:
            headerStart = 10
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        case 2, 3:
            guard total >= 12, bytes.count >= 12 else { throw failure("is truncated inside the .npy preamble; the file is incomplete") }
            headerStart = 12
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        default:
            throw failure(".npy format version \(major).\(minor) is not supported (1.0, 2.0 and 3.0 are); re-save with numpy.save")
        }
        guard minor == 0 else {
            throw failure(".npy format version \(major).\(minor) is not supported (1.0, 2.0 and 3.0 are); re-save with numpy.save")
        }
        guard headerLength <= total - headerStart else {
            throw failure(".npy header length \(headerLength) runs past the end of the file (\(total) bytes); the file is truncated")
        }
        // A header longer than the bytes read so far: the caller reads the whole file.
        guard headerLength <= bytes.count - headerStart else { return nil }
        let fields: NpyHeaderParser.Fields
        do {
            fields = try NpyHeaderParser.parse(Array(bytes[headerStart..<(headerStart + headerLength)]))
        } catch {
            throw failure(".npy header is malformed (\(error.reason)); re-save the array with numpy.save")
        }
        let (dtype, bigEndian) = try NpyArray.elementType(descr: fields.descr, source: source)
        guard let count = Tensor.elementCount(of: fields.shape) else {
            throw failure(".npy shape \(NpyArray.describe(fields.shape)) has too many elements; the file is corrupt")
        }
        let dataStart = headerStart + headerLength
        let available = total - dataStart
        let (needed, overflow) = count.multipliedReportingOverflow(by: dtype.byteCount)
        guard !overflow, needed <= available else {
            throw failure("shape \(NpyArray.describe(fields.shape)) of '\(fields.descr)' needs \(overflow ? "too many" : String(needed)) data bytes but the file has \(available); the file is truncated")
        }
        guard needed == available else {
            throw failure("has \(available - needed) unexpected bytes after the array data (shape \(NpyArray.describe(fields.shape)), '\(fields.descr)'); the file is corrupt or the header is wrong")
        }
        return Layout(shape: fields.shape, dtype: dtype, bigEndian: bigEndian, fortranOrder: fields.fortranOrder,
                      count: count, dataStart: dataStart)
    }

    /// Reads the .npy file at `path` a block at a time: the file's bytes are converted as they are
    /// read, so a large array is not held twice.
    public init(path: String) throws {
        let (descriptor, size) = try FileBytes.openRegularFile(path: path)
        defer { close(descriptor) }
        let head = try FileBytes.read(descriptor: descriptor, count: min(size, 1 << 20), at: 0, path: path)
        guard let layout = try Self.layout(of: head, total: size, source: path),
              !(layout.fortranOrder && layout.shape.count > 1) else {
            try self.init(bytes: try FileBytes.read(path: path), source: path)
            return
        }
        let width = layout.dtype.byteCount
        let perBlock = max(1, (1 << 20) / width)
        var values: [Float] = []
        values.reserveCapacity(layout.count)
        var done = 0
        while done < layout.count {
            let count = min(perBlock, layout.count - done)
            let block = try FileBytes.read(descriptor: descriptor, count: count * width, at: layout.dataStart + done * width, path: path)
            guard block.count == count * width else {
                throw FormatError("shrank while being read; read it again when it is complete", source: path)
            }
            values += block.withUnsafeBytes {
                FloatConversion.floats(from: $0.baseAddress!, count: count, dtype: layout.dtype, bigEndian: layout.bigEndian)
            }
            done += count
        }
        self.init(checkedShape: layout.shape, storedType: layout.dtype, values: values)
    }

    /// An array from parts already checked against each other.
    private init(checkedShape shape: [Int], storedType: TensorDType, values: [Float]) {
        self.shape = shape
        self.storedType = storedType
        self.values = values
    }

    /// The array as a sequence: rows are timesteps, columns features.
    ///
    /// Accepts `(T,)` → T×1, `(T, X)` → T×X, and a single sequence with a batch axis of 1,
    /// either batch-first `(1, T, X)` or time-first `(T, 1, X)` (PyTorch's default layout) → T×X.
    public func matrix(source: String? = nil) throws -> Matrix {
        switch shape.count {
        case 1: return Matrix(rows: shape[0], columns: 1, values: values)
        case 2: return Matrix(rows: shape[0], columns: shape[1], values: values)
        case 3 where shape[0] == 1: return Matrix(rows: shape[1], columns: shape[2], values: values)
        case 3 where shape[1] == 1: return Matrix(rows: shape[0], columns: shape[2], values: values)
        default:
            throw FormatError("array has shape \(NpyArray.describe(shape)); gatescope expects one sequence shaped (T,), (T, X), (1, T, X) or (T, 1, X) — rows are timesteps, columns features", source: source)
        }
    }

    /// The file bytes: version 1.0 (2.0 if the header exceeds 65535 bytes), `'<f4'`, C order,
    /// header padded with spaces and a newline so the data starts at a multiple of 64 bytes.
    public func serialize() -> [UInt8] {
        var header = Array("{'descr': '<f4', 'fortran_order': False, 'shape': \(NpyArray.describe(shape)), }".utf8)
        var preambleLength = 10
        var total = preambleLength + header.count + 1
        if (total + 63) / 64 * 64 - preambleLength > 65535 {
            preambleLength = 12
            total = preambleLength + header.count + 1
        }
        let padded = (total + 63) / 64 * 64
        header.append(contentsOf: [UInt8](repeating: 0x20, count: padded - total))
        header.append(0x0A)
        var out = NpyArray.magic
        if preambleLength == 10 {
            out.append(contentsOf: [1, 0, UInt8(header.count & 0xFF), UInt8(header.count >> 8)])
        } else {
            out.append(contentsOf: [2, 0])
            withUnsafeBytes(of: UInt32(header.count).littleEndian) { out.append(contentsOf: $0) }
        }
        out.append(contentsOf: header)
        out.reserveCapacity(out.count + values.count * 4)
        for value in values {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { out.append(contentsOf: $0) }
        }
        return out
    }

    /// Writes the array to `path` atomically.
    public func write(to path: String) throws {
        try FileBytes.writeAtomically(serialize(), to: path)
    }

    /// A shape in Python tuple notation: `()`, `(5,)`, `(3, 4)`.
    static func describe(_ shape: [Int]) -> String {
        switch shape.count {
        case 0: return "()"
        case 1: return "(\(shape[0]),)"
        default: return "(" + shape.map(String.init).joined(separator: ", ") + ")"
        }
    }

    /// Maps a numpy `descr` such as `<f4` or `|u1` to an element type and byte order.
    static func elementType(descr: String, source: String?) throws -> (TensorDType, bigEndian: Bool) {
        var text = Substring(descr)
        var bigEndian = false
        if let first = text.first, "<>|=".contains(first) {
            bigEndian = first == ">"
            text = text.dropFirst()
        }
        let types: [String: TensorDType] = [
            "f2": .f16, "f4": .f32, "f8": .f64,
            "i1": .i8, "i2": .i16, "i4": .i32, "i8": .i64,
            "u1": .u8, "u2": .u16, "u4": .u32, "u8": .u64,
            "b1": .bool, "?": .bool,
        ]
        guard let dtype = types[String(text)] else {
            throw FormatError(".npy element type '\(descr.prefix(32))' is not supported (use float16/32/64, int, uint or bool); convert with a.astype(np.float32)", source: source)
        }
        return (dtype, dtype.byteCount > 1 && bigEndian)
    }

    /// Reorders `values` stored in Fortran order (first index fastest) into C order.
    static func cOrder(fromFortranOrder values: [Float], shape: [Int]) -> [Float] {
        let rank = shape.count
        var fortranStrides = [Int](repeating: 1, count: rank)
        for axis in 1..<rank { fortranStrides[axis] = fortranStrides[axis - 1] * shape[axis - 1] }
        guard !values.isEmpty else { return values }
        return StridedOffsets.offsets(dims: shape, strides: fortranStrides, base: 0).map { values[$0] }
    }
}
