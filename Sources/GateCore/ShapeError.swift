/// A model or input whose shapes do not fit together; the message names the part and what was expected.
public struct ShapeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// One line: what is wrong and what was expected.
    public var message: String
    /// An error with this message.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
