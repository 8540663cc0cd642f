/// What a file really is, told from its first bytes (and, for a zip, its member names), so that a
/// refusal can name the format instead of guessing from the extension.
public enum FileKind: Equatable, Sendable {
    /// A safetensors file (a length prefix, then a JSON header).
    case safetensors
    /// A `torch.save` checkpoint: a zip holding `NAME/data.pkl`.
    case torchCheckpoint
    /// A TorchScript archive from `torch.jit.save`: a zip with `data.pkl`, `constants.pkl` and `code/`.
    case torchScript
    /// A `torch.save` file from before PyTorch 1.6 (or `_use_new_zipfile_serialization=False`): a bare pickle.
    case legacyTorch
    /// A Keras 3 `.keras` archive: a zip of `config.json` and `model.weights.h5`.
    case kerasArchive
    /// A NumPy `.npz`: a zip of `.npy` members.
    case npz
    /// Some other zip archive, with a few of its member names.
    case zip(members: String)
    /// A zip archive whose directory cannot be read, with the reason.
    case damagedZip(reason: String)
    /// HDF5 (Keras `.h5` / `.weights.h5`).
    case hdf5
    /// An ONNX model (a protobuf starting with `ir_version`).
    case onnx
    /// A Python pickle that is not a legacy torch file.
    case pickle
    /// A NumPy `.npy` array.
    case npy
    /// Plain text (CSV, JSON, …).
    case text
    /// None of the above.
    case unknown

    /// The kind of the file at `path`, reading its first bytes and, for a zip, its directory.
    public static func of(path: String) -> FileKind {
        guard let bytes = try? FileBytes.read(path: path) else { return .unknown }
        return of(bytes: bytes)
    }

    /// The kind of a file held in memory.
    public static func of(bytes: [UInt8]) -> FileKind {
        let head = Array(bytes.prefix(16))
        if ZipArchive.hasSignature(head) {
            do {
                return of(zip: try ZipArchive(bytes: bytes))
            } catch let error as FormatError {
                return .damagedZip(reason: error.message)
            } catch {
                return .damagedZip(reason: "\(error)")
            }
        }
        if head.starts(with: [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]) { return .hdf5 }
        if head.starts(with: [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]) { return .npy }
        // torch's legacy format pickles the magic number 0x1950a86a20f9469cfc6c first (LONG1, 10 bytes).
        if head.starts(with: [0x80, 0x02, 0x8A, 0x0A, 0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8, 0x50, 0x19]) {
            return .legacyTorch
        }
        if head.count >= 2, head[0] == 0x80, (2...5).contains(head[1]) { return .pickle }
        if head.count >= 9, head[8] == UInt8(ascii: "{") {
            let length = head.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
            if length > 0, length <= UInt64(bytes.count - 8) { return .safetensors }
        }
        // ModelProto: field 1 (ir_version, varint 3…20), then producer, graph, opset or the like.
        if head.count >= 3, head[0] == 0x08, (3...20).contains(head[1]), [0x12, 0x1A, 0x22, 0x2A, 0x3A, 0x42].contains(head[2]) {
            return .onnx
        }
        if head.count >= 8, head.prefix(8).allSatisfy({ (0x20...0x7E).contains($0) || [0x09, 0x0A, 0x0D].contains($0) }) {
            return .text
        }
        return .unknown
    }

    /// The kind of a parsed zip, from its member names.
    public static func of(zip archive: ZipArchive) -> FileKind {
        let names = archive.entries.map(\.name)
        if archive.torchRecordPrefix != nil {
            let isScript = names.contains { $0 == "constants.pkl" || $0.hasSuffix("/constants.pkl") || $0.contains("/code/") || $0.hasPrefix("code/") }
            return isScript ? .torchScript : .torchCheckpoint
        }
        if names.contains("config.json"), names.contains("model.weights.h5") || names.contains("metadata.json") {
            return .kerasArchive
        }
        if !names.isEmpty, names.allSatisfy({ $0.hasSuffix(".npy") }) { return .npz }
        return .zip(members: archive.memberList)
    }

    /// What the file is, for messages: "a TorchScript archive (torch.jit.save)".
    public var description: String {
        switch self {
        case .safetensors: "a safetensors file"
        case .torchCheckpoint: "a torch.save checkpoint (zip with data.pkl)"
        case .torchScript: "a TorchScript archive (torch.jit.save)"
        case .legacyTorch: "a legacy torch.save file (PyTorch before 1.6, a bare pickle)"
        case .kerasArchive: "a Keras 3 .keras archive (zip of config.json and model.weights.h5)"
        case .npz: "a NumPy .npz archive"
        case .zip(let members): "a zip archive holding \(members)"
        case .damagedZip(let reason): "a damaged zip archive (\(reason))"
        case .hdf5: "an HDF5 file (Keras .h5 / .weights.h5?)"
        case .onnx: "an ONNX model"
        case .pickle: "a Python pickle"
        case .npy: "a NumPy .npy array"
        case .text: "text"
        case .unknown: "not a format gatescope knows"
        }
    }
}
