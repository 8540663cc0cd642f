import GateCanvas
/// A malformed `--steps` or `--units` selection; the message says what to write instead.
public struct SelectionError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The one-line message.
    public let description: String

    /// An error with `description`.
    public init(_ description: String) { self.description = description }
}
