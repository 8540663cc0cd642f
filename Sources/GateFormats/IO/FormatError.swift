/// An error raised while reading or writing one of gatescope's file formats.
///
/// Every message is one line that says what is wrong and what to do about it, and starts with
/// the file name when the parser was given one, for example:
/// `model.safetensors: header length 99999999999 runs past the end of the file (1234 bytes); the file is truncated or not safetensors`.
public struct FormatError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file (or other source) the error refers to, when known.
    public let source: String?
    /// What is wrong and what to do, without the source prefix.
    public let message: String

    /// Creates an error about `source` (a file name, or nil when unknown).
    public init(_ message: String, source: String? = nil) {
        self.source = source
        self.message = message
    }

    /// The full one-line message, prefixed with the source when known.
    public var description: String {
        if let source, !source.isEmpty { return "\(source): \(message)" }
        return message
    }
}
