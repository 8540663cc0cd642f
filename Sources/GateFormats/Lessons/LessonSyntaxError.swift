/// A problem in a lesson or classroom file, naming the file and line: "01-belt.lesson:12: step must be a
/// whole number ≥ 1, not 'x'".
public struct LessonSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file name as given.
    public var file: String
    /// The 1-based line; 0 for the whole file (then no line is shown).
    public var line: Int
    /// What is wrong and what would be right.
    public var message: String

    /// An error from its parts.
    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// "FILE:LINE: message".
    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

extension LessonSyntaxError {
    /// The bytes of the lesson or preset file at `path`; a missing, unreadable or non-regular file (a FIFO is
    /// refused, not waited on) is an error about the whole file that says why.
    static func readBytes(path: String) throws(LessonSyntaxError) -> [UInt8] {
        do {
            return try FileBytes.read(path: path)
        } catch let error as FormatError {
            throw LessonSyntaxError(file: path, line: 0, message: error.message)
        } catch {
            throw LessonSyntaxError(file: path, line: 0, message: "\(error)")
        }
    }
}
