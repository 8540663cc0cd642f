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
