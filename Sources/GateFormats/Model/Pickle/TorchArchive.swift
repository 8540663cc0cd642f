/// A `torch.save` checkpoint (`.pt`, `.pth`, `.bin`: a zip of `NAME/data.pkl` and tensor records
/// `NAME/data/KEY`) or a TorchScript archive (`torch.jit.save`: also `constants.pkl` and `code/`),
/// read into named, contiguous tensors without running any Python.
///
/// Names are what `state_dict()` gives (see ``TorchTensorSearch``). Each tensor is copied out of its
/// storage through its offset and strides (views, transposes and shared storages come out right), and
/// every view is checked to lie inside its storage.
public struct TorchArchive: Sendable {
    /// What kind of torch archive the file is.
    public enum Kind: Sendable, Equatable {
        /// `torch.save(obj, path)`.
        case checkpoint
        /// `torch.jit.save(scripted, path)`.
        case torchScript
    }

    /// The most the tensors' bytes may exceed their storages' bytes, as a multiple.
    public static let maximumRepetition = 8

    /// Checkpoint or TorchScript.
    public let kind: Kind
    /// The tensors, in the order they were found, C-order contiguous.
    public let tensors: [Tensor]
    /// Tensors left out because their element type cannot be read (complex, quantised), by name.
    public let skipped: [String]

    /// Reads the archive at `path`.
    public init(path: String) throws {
        try self.init(bytes: try FileBytes.read(path: path), source: path)
    }

    /// Reads an archive held in memory.
    public init(bytes: [UInt8], source: String) throws {
        try self.init(archive: try ZipArchive(bytes: bytes, source: source), source: source)
    }

    /// Reads a parsed zip archive.
    public init(archive: ZipArchive, source: String) throws {
        guard let prefix = archive.torchRecordPrefix else {
            throw FormatError("is a zip archive without a data.pkl, so not a torch.save or TorchScript file (it holds \(archive.memberList)); save the model with torch.save(model.state_dict(), path)", source: source)
        }
        if let order = archive.entry(named: prefix + "byteorder") {
            let text = String(decoding: try archive.data(of: order), as: UTF8.self)
            guard text == "little" else {
                throw FormatError("stores its tensors \(ZipArchive.printable(text))-endian; gatescope reads little-endian files: save it again on a little-endian machine", source: source)
            }
        }
        let isScript = archive.entry(named: prefix + "constants.pkl") != nil
            || archive.entries.contains { $0.name.hasPrefix(prefix + "code/") }
        kind = isScript ? .torchScript : .checkpoint
        var search = TorchTensorSearch()
        let label = "\(source): \(ZipArchive.printable(prefix))"
        try Unpickler.load(try archive.data(named: prefix + "data.pkl"), source: label + "data.pkl",
                           persistentLoad: TorchArchive.storageLoader(directory: "data")) { root in
            search.search(root)
        }
        if isScript, archive.entry(named: prefix + "constants.pkl") != nil {
            try Unpickler.load(try archive.data(named: prefix + "constants.pkl"), source: label + "constants.pkl",
                               persistentLoad: TorchArchive.storageLoader(directory: "constants")) { root in
                search.search(root, prefix: ["constants"], baseRank: 8)
            }
        }
        var storages: [String: ArraySlice<UInt8>] = [:]
        var tensors: [Tensor] = []
        var skipped: [String] = []
        var storageBytes = 0
        var copiedBytes = 0
        for found in search.found {
            let storage = found.reference.storage
            guard let dtype = storage.dtype else {
                skipped.append(found.name)
                continue
            }
            let member = try TorchArchive.storageMember(storage, prefix: prefix, in: archive, source: source)
            if storages[member] == nil {
                guard let entry = archive.entry(named: member) else {
                    throw FormatError("has no record '\(ZipArchive.printable(member))'; the archive is incomplete: save it again", source: source)
                }
                let data = try archive.slice(of: entry)
                let (expected, overflow) = storage.elementCount.multipliedReportingOverflow(by: dtype.byteCount)
                guard !overflow, storage.elementCount >= 0, data.count == expected else {
                    throw FormatError("storage '\(ZipArchive.printable(member))' holds \(data.count) bytes but data.pkl says \(storage.elementCount) \(dtype.rawValue) elements; the file is corrupt: save it again", source: source)
                }
                storages[member] = data
                storageBytes += data.count
            }
            // Views may repeat storage elements (tied weights, stride 0), but not without bound: a crafted
            // file could make a million views of one large storage.
            let count = Tensor.elementCount(of: found.reference.shape) ?? Int.max
            let (size, overflow) = count.multipliedReportingOverflow(by: dtype.byteCount)
            copiedBytes = overflow ? Int.max : copiedBytes.addingReportingOverflow(size).partialValue
            guard !overflow, copiedBytes >= 0, copiedBytes <= TorchArchive.maximumRepetition * storageBytes + (1 << 20) else {
                throw FormatError("its tensors repeat their storages' elements more than \(TorchArchive.maximumRepetition) times over (at '\(found.name)'); the file is corrupt or crafted", source: source)
            }
            tensors.append(try TorchArchive.copy(found, dtype: dtype, from: storages[member] ?? [], source: source))
        }
        self.tensors = tensors
        self.skipped = skipped
    }

    /// The tensors as an in-memory safetensors file, which ``ModelImporter`` reads like any other.
    public func safeTensors(source: String) throws -> SafeTensors {
        var writer = SafeTensorsWriter()
        for tensor in tensors { try writer.add(tensor) }
        return try SafeTensors(bytes: writer.serialize(), source: source)
    }

    /// The persistent-id handler for one pickle: `('storage', torch.FloatStorage, key, location, numel)`.
    static func storageLoader(directory: String) -> Unpickler.PersistentLoad {
        { id in
            guard let parts = id.items, parts.count >= 5, case .string("storage") = parts[0],
                  case .global(let type) = parts[1] else {
                throw FormatError("a persistent id is \(id.kindName), not a ('storage', type, key, location, size) tuple; the file is not a torch checkpoint")
            }
            let key: String
            switch parts[2] {
            case .string(let text): key = text
            case .int(let number): key = String(number)
            default: throw FormatError("a storage key is \(parts[2].kindName), not a string; the file is corrupt")
            }
            guard let count = parts[4].intValue, count >= 0 else {
                throw FormatError("storage '\(ZipArchive.printable(key))' has a size that is not a non-negative integer; the file is corrupt")
            }
            return .storage(TorchStorageReference(key: key, dtype: TorchStorageReference.dtype(ofStorageClass: type.name),
                                                  className: type.name, elementCount: count, directory: directory))
        }
    }

    /// The member holding `storage`: `NAME/data/KEY` (or `constants/KEY`), else the shared `NAME/.data/KEY`.
    static func storageMember(_ storage: TorchStorageReference, prefix: String, in archive: ZipArchive,
                              source: String) throws -> String {
        let candidates = [prefix + storage.directory + "/" + storage.key, prefix + ".data/" + storage.key]
        guard let member = candidates.first(where: { archive.entry(named: $0) != nil }) else {
            throw FormatError("has no record '\(ZipArchive.printable(candidates[0]))' for a tensor's storage; the archive is incomplete: save it again", source: source)
        }
        return member
    }

    /// The tensor `found` copied out of its storage's bytes into C order.
    static func copy(_ found: TorchTensorSearch.Found, dtype: TensorDType, from storage: ArraySlice<UInt8>,
                     source: String) throws -> Tensor {
        let view = found.reference
        let name = found.name
        let width = dtype.byteCount
        let reach: ClosedRange<Int>?
        switch view.reach() {
        case .success(let range): reach = range
        case .failure:
            throw FormatError("tensor '\(name)' has a malformed view (offset \(view.offset), size \(view.shape), stride \(view.stride)); the file is corrupt", source: source)
        }
        guard let count = Tensor.elementCount(of: view.shape), count.multipliedReportingOverflow(by: width).overflow == false else {
            throw FormatError("tensor '\(name)' has shape \(view.shape), too many elements; the file is corrupt", source: source)
        }
        guard let reach else { return try Tensor(name: name, dtype: dtype, shape: view.shape, bytes: []) }
        guard reach.upperBound < view.storage.elementCount else {
            throw FormatError("tensor '\(name)' (offset \(view.offset), size \(view.shape), stride \(view.stride)) reaches element \(reach.upperBound) of a storage of \(view.storage.elementCount); the file is corrupt", source: source)
        }
        var out = [UInt8]()
        out.reserveCapacity(count * width)
        // C-contiguous views are one slice; anything else is gathered element by element.
        var contiguous = true
        var expected = 1
        for (size, step) in zip(view.shape, view.stride).reversed() where size > 1 {
            if step != expected { contiguous = false }
            expected *= size
        }
        let base = storage.startIndex
        if contiguous {
            out.append(contentsOf: storage[(base + view.offset * width)..<(base + (view.offset + count) * width)])
        } else {
            var index = [Int](repeating: 0, count: view.shape.count)
            var position = view.offset
            for _ in 0..<count {
                let start = base + position * width
                out.append(contentsOf: storage[start..<(start + width)])
                var dimension = view.shape.count - 1
                while dimension >= 0 {
                    index[dimension] += 1
                    position += view.stride[dimension]
                    if index[dimension] < view.shape[dimension] { break }
                    position -= view.stride[dimension] * view.shape[dimension]
                    index[dimension] = 0
                    dimension -= 1
                }
            }
        }
        return try Tensor(name: name, dtype: dtype, shape: view.shape, bytes: out)
    }
}
