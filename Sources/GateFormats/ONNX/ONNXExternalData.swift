/// Reads the data of ONNX tensors stored outside the model (`data_location = EXTERNAL`): the
/// `external_data` keys `location` (a file path relative to the model's directory), `offset` and
/// `length`. Absolute locations and ones that climb out of the model's directory (`..`) are refused,
/// and every range is checked against the data file's size.
public struct ONNXExternalData: Sendable {
    /// The directory holding the model file; nil for a model read from memory (no external data then).
    public var directory: String?
    /// The model file, for error messages.
    public var source: String?

    /// External data next to the model file at `modelPath` (nil: a model from memory).
    public init(modelPath: String?) {
        source = modelPath
        guard let modelPath else { directory = nil; return }
        if let slash = modelPath.lastIndex(of: "/") {
            directory = slash == modelPath.startIndex ? "/" : String(modelPath[..<slash])
        } else {
            directory = "."
        }
    }

    /// The path of the data file a `location` names, after checking that it stays inside the model's directory.
    public func path(for location: String, tensor: String) throws -> String {
        func fail(_ why: String) -> FormatError {
            FormatError("tensor '\(tensor)' keeps its data in '\(Escaped.text(location))', \(why)", source: source)
        }
        guard let directory else {
            throw fail("an external file, which a model read from memory cannot reach; open the model through its path")
        }
        guard !location.isEmpty else { throw fail("an empty location; the file is corrupt") }
        guard !location.hasPrefix("/") else {
            throw fail("an absolute path; ONNX data files must sit next to the model (onnx.save(..., location=\"NAME.data\"))")
        }
        let parts = location.split(separator: "/", omittingEmptySubsequences: true)
        guard !parts.contains(".."), !location.contains("\0"), !location.contains("\\") else {
            throw fail("which leaves the model's directory; ONNX data files must sit next to the model")
        }
        return directory == "/" ? "/" + location : directory + "/" + location
    }

    /// The raw little-endian bytes of an external tensor: `needed` bytes at its `offset`, where
    /// `length`, when given, must equal `needed`.
    public func bytes(of tensor: ONNXTensor, needed: Int) throws -> [UInt8] {
        let name = tensor.name
        guard let location = tensor.externalData["location"] else {
            throw FormatError("tensor '\(Escaped.text(name))' is marked external but names no location; the file is corrupt", source: source)
        }
        func number(_ key: String) throws -> Int? {
            guard let text = tensor.externalData[key] else { return nil }
            guard let value = Int(text), value >= 0 else {
                throw FormatError("tensor '\(Escaped.text(name))' has external_data \(key) '\(Escaped.text(text))', not a byte count; the file is corrupt", source: source)
            }
            return value
        }
        let offset = try number("offset") ?? 0
        let length = try number("length")
        if let length, length != needed {
            throw FormatError("tensor '\(Escaped.text(name))' has dims \(tensor.dims) (\(needed) bytes) but its external_data length is \(length); the file is corrupt", source: source)
        }
        let file = try path(for: location, tensor: name)
        do {
            return try FileBytes.read(path: file, offset: offset, length: needed)
        } catch let error as FormatError {
            throw FormatError("tensor '\(Escaped.text(name))': \(error.description)", source: source)
        }
    }
}
