/// Builds a safetensors file from named tensors and string metadata.
///
/// The layout matches the reference writer (`safetensors::tensor::prepare`, used by Python's
/// `save_file`): tensors are ordered by element size, largest first (by the rank of the reference
/// `Dtype` enum: U64, I64, F64, F32, U32, I32, BF16, F16, U16, I16, I8, U8, BOOL), then by name
/// (byte order), so every tensor's data stays aligned to its element size; `__metadata__` comes
/// first in the header (omitted when empty) with keys sorted; the header JSON is escaped like
/// serde_json and space-padded to a multiple of 8 bytes. Files written from the same tensors are
/// byte-identical to Python's when there is at most one metadata key (the reference writer emits
/// metadata keys in hash order).
public struct SafeTensorsWriter: Sendable {
    /// String metadata stored under `__metadata__`.
    public var metadata: [String: String]
    /// The tensors added so far, in the order added.
    public private(set) var tensors: [Tensor] = []

    /// Creates an empty writer with optional metadata.
    public init(metadata: [String: String] = [:]) {
        self.metadata = metadata
    }

    /// Adds a tensor. Names must be unique and must not be `__metadata__`.
    public mutating func add(_ tensor: Tensor) throws {
        guard tensor.name != "__metadata__" else {
            throw FormatError("a tensor cannot be called '__metadata__' (the name is reserved for metadata); rename it")
        }
        guard !tensors.contains(where: { $0.name == tensor.name }) else {
            throw FormatError("tensor '\(tensor.name)' was added twice; tensor names must be unique")
        }
        tensors.append(tensor)
    }

    /// Adds an F32 tensor from floats in C order.
    public mutating func add(name: String, shape: [Int], floats: [Float]) throws {
        try add(Tensor(name: name, shape: shape, floats: floats))
    }

    /// The tensors in file order (the reference writer's order).
    var orderedTensors: [Tensor] {
        tensors.sorted { left, right in
            if left.dtype.referenceWriterRank != right.dtype.referenceWriterRank {
                return left.dtype.referenceWriterRank > right.dtype.referenceWriterRank
            }
            return Array(left.name.utf8).lexicographicallyPrecedes(Array(right.name.utf8))
        }
    }

    /// The header JSON, padded with spaces to a multiple of 8 bytes, for tensors of the given
    /// dtypes, shapes and byte counts in file order.
    static func headerBytes(
        entries: [(name: String, dtype: TensorDType, shape: [Int], byteCount: Int)],
        metadata: [String: String]
    ) -> [UInt8] {
        var json: [UInt8] = [0x7B]
        var first = true
        func separator() {
            if !first { json.append(0x2C) }
            first = false
        }
        if !metadata.isEmpty {
            separator()
            JSONValue.appendQuoted("__metadata__", to: &json)
            json.append(contentsOf: Array(":{".utf8))
            let keys = metadata.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            for (position, key) in keys.enumerated() {
                if position > 0 { json.append(0x2C) }
                JSONValue.appendQuoted(key, to: &json)
                json.append(0x3A)
                JSONValue.appendQuoted(metadata[key] ?? "", to: &json)
            }
            json.append(0x7D)
        }
        var offset = 0
        for entry in entries {
            separator()
            JSONValue.appendQuoted(entry.name, to: &json)
            json.append(contentsOf: Array(":{\"dtype\":\"\(entry.dtype.rawValue)\",\"shape\":[".utf8))
            json.append(contentsOf: Array(entry.shape.map(String.init).joined(separator: ",").utf8))
            json.append(contentsOf: Array("],\"data_offsets\":[\(offset),\(offset + entry.byteCount)]}".utf8))
            offset += entry.byteCount
        }
        json.append(0x7D)
        while json.count % 8 != 0 { json.append(0x20) }
        return json
    }

    /// The complete file.
    public func serialize() -> [UInt8] {
        let ordered = orderedTensors
        let header = SafeTensorsWriter.headerBytes(
            entries: ordered.map { ($0.name, $0.dtype, $0.shape, $0.bytes.count) },
            metadata: metadata)
        var out: [UInt8] = []
        out.reserveCapacity(8 + header.count + ordered.reduce(0) { $0 + $1.bytes.count })
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: header)
        for tensor in ordered { out.append(contentsOf: tensor.bytes) }
        return out
    }

    /// Writes the file to `path` atomically (temporary file in the same directory, fsync, rename).
    public func writeAtomically(to path: String) throws {
        try FileBytes.writeAtomically(serialize(), to: path)
    }

    /// Builds a writer with `make` and writes its file to `path` atomically; an error that names no file
    /// (a model that cannot be laid out) is reported against `path`. The exporters' `save`.
    static func save(to path: String, _ make: () throws -> SafeTensorsWriter) throws {
        do {
            try make().writeAtomically(to: path)
        } catch let error as FormatError where error.source == nil {
            throw FormatError(error.message, source: path)
        }
    }
}
