/// A bookmark on one step of a trace, with an optional note.
public struct TraceBookmark: Sendable, Equatable {
    /// The step (0-based row of the trace).
    public var step: Int
    /// Free text (may be empty; any characters, newlines and tabs included).
    public var note: String

    /// A bookmark at `step` with `note`.
    public init(step: Int, note: String = "") {
        self.step = step
        self.note = note
    }
}
