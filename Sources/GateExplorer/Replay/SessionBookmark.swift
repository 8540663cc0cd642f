import GateCanvas
/// A bookmark on one step of the session's run, with an optional note (the explorer's copy of a
/// trace file's bookmark; the command saves them beside the trace).
public struct SessionBookmark: Sendable, Hashable {
    /// The step (0-based row of the run).
    public var step: Int
    /// Free text; may be empty.
    public var note: String

    /// A bookmark at `step` with `note`.
    public init(step: Int, note: String = "") {
        self.step = step
        self.note = note
    }
}
