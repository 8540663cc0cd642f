/// A validated safetensors header: the tensor entries, the `__metadata__` map, and where data starts.
///
/// Validation applies every rule of the reference reader (`safetensors::tensor::SafeTensors::read_metadata`
/// and `Metadata::validate`), and additionally rejects duplicate keys and a malformed `__metadata__`.
public struct SafeTensorsHeader: Equatable, Sendable {
    /// Largest header the reference reader accepts (`MAX_HEADER_SIZE`).
    public static let maximumHeaderLength = 100_000_000

    /// Entries in the order of their data (sorted by `data_offsets`).
    public let entries: [SafeTensorsEntry]
    /// The `__metadata__` map (empty when absent).
    public let metadata: [String: String]
    /// Header JSON length `N` as stored in the first 8 bytes.
    public let headerLength: Int
    /// Position of each entry in `entries`, by name.
    private let indexByName: [String: Int]
    /// File offset of the data section (`8 + N`).
    public var dataStart: Int { 8 + headerLength }
    /// Length of the data section (the end of the last tensor).
    public var dataLength: Int { entries.last?.dataRange.upperBound ?? 0 }

    /// The entry called `name`, if any.
    public func entry(named name: String) -> SafeTensorsEntry? {
        indexByName[name].map { entries[$0] }
    }

    private init(entries: [SafeTensorsEntry], metadata: [String: String], headerLength: Int) {
        self.entries = entries
        self.metadata = metadata
        self.headerLength = headerLength
        var indexByName: [String: Int] = [:]
        for (position, entry) in entries.enumerated() { indexByName[entry.name] = position }
        self.indexByName = indexByName
    }

    /// Reads the 8-byte length prefix and checks it against the file length.
    ///
    /// - Parameters:
    ///   - prefix: at least the first 8 bytes of the file (fewer means the file is too short).
    ///   - fileLength: total file length in bytes.
    /// - Returns: the header length `N`.
    static func headerLength(prefix: UnsafeRawBufferPointer, fileLength: Int, source: String?) throws -> Int {
        guard fileLength >= 8, prefix.count >= 8 else {
            throw FormatError("file is \(fileLength) bytes, shorter than the 8-byte safetensors length prefix; the file is truncated or not safetensors", source: source)
        }
        let raw = UInt64(littleEndian: prefix.loadUnaligned(as: UInt64.self))
        guard raw <= UInt64(maximumHeaderLength) else {
            if let foreign = foreignFormat(prefix) { throw FormatError(foreign, source: source) }
            throw FormatError("header length \(raw) exceeds the 100000000-byte limit of safetensors; the file is corrupt or not safetensors", source: source)
        }
        let length = Int(raw)
        guard 8 + length <= fileLength else {
            if let foreign = foreignFormat(prefix) { throw FormatError(foreign, source: source) }
            throw FormatError("header length \(length) runs past the end of the file (\(fileLength) bytes); the file is truncated or not safetensors", source: source)
        }
        return length
    }

    /// Parses and validates header JSON bytes (`N` bytes following the prefix) for a file of `fileLength` bytes.
    static func parse(json: [UInt8], fileLength: Int, source: String?) throws -> SafeTensorsHeader {
        let headerLength = json.count
        let value: JSONValue
        switch StrictJSONParser.parse(json) {
        case let .success(parsed): value = parsed
        case let .failure(error):
            throw FormatError("header is not valid JSON (\(error.reason) at header byte \(error.offset)); the file is corrupt or not safetensors", source: source)
        }
        guard case let .object(members) = value else {
            throw FormatError("header is \(value.kindName), not a JSON object; the file is corrupt or not safetensors", source: source)
        }
        var metadata: [String: String] = [:]
        var entries: [SafeTensorsEntry] = []
        entries.reserveCapacity(members.count)
        for (key, member) in members {
            if key == "__metadata__" {
                metadata = try parseMetadata(member, source: source)
            } else {
                entries.append(try parseEntry(name: key, member, source: source))
            }
        }
        entries.sort { ($0.dataRange.lowerBound, $0.dataRange.upperBound) < ($1.dataRange.lowerBound, $1.dataRange.upperBound) }
        var end = 0
        for entry in entries {
            guard entry.dataRange.lowerBound == end else {
                let problem = entry.dataRange.lowerBound > end ? "leaves a gap" : "overlaps the previous tensor"
                throw FormatError("tensor '\(entry.name)' data_offsets [\(entry.dataRange.lowerBound), \(entry.dataRange.upperBound)] \(problem) (expected it to begin at \(end)); the file is corrupt", source: source)
            }
            guard let count = Tensor.elementCount(of: entry.shape) else {
                throw FormatError("tensor '\(entry.name)' shape \(entry.shape) has more elements than can be addressed; the file is corrupt", source: source)
            }
            let (byteCount, overflow) = count.multipliedReportingOverflow(by: entry.dtype.byteCount)
            guard !overflow else {
                throw FormatError("tensor '\(entry.name)' shape \(entry.shape) of \(entry.dtype.rawValue) has more bytes than can be addressed; the file is corrupt", source: source)
            }
            guard entry.dataRange.count == byteCount else {
                throw FormatError("tensor '\(entry.name)' has \(entry.dataRange.count) bytes of data but shape \(entry.shape) of \(entry.dtype.rawValue) needs \(byteCount); the file is corrupt", source: source)
            }
            end = entry.dataRange.upperBound
        }
        let (expected, overflow) = end.addingReportingOverflow(8 + headerLength)
        guard !overflow, expected == fileLength else {
            throw FormatError("tensor data ends at byte \(overflow ? "beyond Int.max" : String(expected)) but the file has \(fileLength) bytes; the file is truncated or has trailing data", source: source)
        }
        return SafeTensorsHeader(entries: entries, metadata: metadata, headerLength: headerLength)
    }

    private static func parseMetadata(_ value: JSONValue, source: String?) throws -> [String: String] {
        if value == .null { return [:] }  // the reference reader accepts `"__metadata__": null`
        guard case let .object(members) = value else {
            throw FormatError("__metadata__ is \(value.kindName), not an object of strings; rewrite it as {\"key\": \"value\", ...}", source: source)
        }
        var metadata: [String: String] = [:]
        for (key, member) in members {
            guard case let .string(text) = member else {
                throw FormatError("__metadata__ key '\(key.prefix(64))' is \(member.kindName), not a string; metadata values must be strings", source: source)
            }
            metadata[key] = text
        }
        return metadata
    }

    private static func parseEntry(name: String, _ value: JSONValue, source: String?) throws -> SafeTensorsEntry {
        let shown = String(name.prefix(80))
        guard case let .object(fields) = value else {
            throw FormatError("tensor '\(shown)' is \(value.kindName), not an object with dtype, shape and data_offsets; the file is corrupt", source: source)
        }
        func field(_ key: String) throws -> JSONValue {
            guard let found = fields.first(where: { $0.key == key }) else {
                throw FormatError("tensor '\(shown)' has no \"\(key)\"; every tensor needs dtype, shape and data_offsets", source: source)
            }
            return found.value
        }
        guard case let .string(dtypeName) = try field("dtype") else {
            throw FormatError("tensor '\(shown)' dtype is \(try field("dtype").kindName), not a string; the file is corrupt", source: source)
        }
        guard let dtype = TensorDType(rawValue: dtypeName) else {
            throw FormatError("tensor '\(shown)' has unknown dtype '\(dtypeName.prefix(32))' (known: \(TensorDType.knownNames)); convert the tensor to one of these", source: source)
        }
        guard case let .array(shapeValues) = try field("shape") else {
            throw FormatError("tensor '\(shown)' shape is \(try field("shape").kindName), not an array of integers; the file is corrupt", source: source)
        }
        var shape: [Int] = []
        shape.reserveCapacity(shapeValues.count)
        for dimension in shapeValues {
            guard let size = dimension.nonNegativeInt else {
                throw FormatError("tensor '\(shown)' shape has \(dimension.kindName), not a non-negative integer; the file is corrupt", source: source)
            }
            shape.append(size)
        }
        guard case let .array(offsets) = try field("data_offsets"), offsets.count == 2,
              let begin = offsets[0].nonNegativeInt, let end = offsets[1].nonNegativeInt else {
            throw FormatError("tensor '\(shown)' data_offsets is not a pair of non-negative integers [begin, end]; the file is corrupt", source: source)
        }
        guard begin <= end else {
            throw FormatError("tensor '\(shown)' data_offsets [\(begin), \(end)] ends before it begins; the file is corrupt", source: source)
        }
        return SafeTensorsEntry(name: name, dtype: dtype, shape: shape, dataRange: begin..<end)
    }
}
