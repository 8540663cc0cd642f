/// A safetensors file held in memory: a validated header plus the whole file's bytes.
///
/// For very large files (long traces) use ``MappedSafeTensors``, which maps the file and reads
/// only what is asked for.
public struct SafeTensors: Sendable {
    /// The validated header.
    public let header: SafeTensorsHeader
    /// The whole file.
    public let bytes: [UInt8]
    /// The file name used in error messages.
    public let source: String?

    /// Parses and validates a safetensors file held in `bytes`.
    public init(bytes: [UInt8], source: String? = nil) throws {
        let headerLength = try bytes.withUnsafeBytes { raw in
            try SafeTensorsHeader.headerLength(prefix: UnsafeRawBufferPointer(rebasing: raw.prefix(8)), fileLength: raw.count, source: source)
        }
        self.header = try SafeTensorsHeader.parse(json: Array(bytes[8..<(8 + headerLength)]), fileLength: bytes.count, source: source)
        self.bytes = bytes
        self.source = source
    }

    /// Reads and validates the safetensors file at `path` (the whole file is read into memory).
    public init(path: String) throws {
        try self.init(bytes: try FileBytes.read(path: path), source: path)
    }

    /// Tensor names in data order.
    public var names: [String] { header.entries.map(\.name) }

    /// The `__metadata__` map.
    public var metadata: [String: String] { header.metadata }

    /// The tensor called `name`, with a copy of its bytes.
    public func tensor(named name: String) throws -> Tensor {
        guard let entry = header.entry(named: name) else {
            throw FormatError("has no tensor '\(name)' (it has: \(SafeTensors.listNames(names))); check the tensor name", source: source)
        }
        let start = header.dataStart + entry.dataRange.lowerBound
        let data = Array(bytes[start..<(start + entry.dataRange.count)])
        return try Tensor(name: entry.name, dtype: entry.dtype, shape: entry.shape, bytes: data)
    }

    /// Every tensor, in data order.
    public func tensors() throws -> [Tensor] {
        try header.entries.map { try tensor(named: $0.name) }
    }

    /// A short list of names for error messages (at most 8, then "…").
    static func listNames(_ names: [String]) -> String {
        if names.isEmpty { return "no tensors" }
        let shown = names.prefix(8).map { "'\($0)'" }.joined(separator: ", ")
        return names.count > 8 ? shown + ", … \(names.count) in all" : shown
    }
}
