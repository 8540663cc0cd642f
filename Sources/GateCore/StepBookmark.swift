/// A bookmark on one step of a run, with an optional note: what the explorer's `b` makes and what
/// a trace file's bookmarks file holds (one type for both).
public struct StepBookmark: Sendable, Hashable {
    /// The step (0-based row of the run).
    public var step: Int
    /// Free text (may be empty; any characters, newlines and tabs included).
    public var note: String

    /// A bookmark at `step` with `note`.
    public init(step: Int, note: String = "") {
        self.step = step
        self.note = note
    }
}
