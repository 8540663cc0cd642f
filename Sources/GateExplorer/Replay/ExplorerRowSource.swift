import GateCanvas
import GateCore

/// Where an explorer session reads the rows of its run: an in-memory trace, or a trace file read
/// window by window (the command wraps `MappedTrace`), so a run of millions of steps never has to be
/// in memory at once.
public protocol ExplorerRowSource {
    /// Number of timesteps in the whole run.
    var steps: Int { get }
    /// Rows `range` of every series, the input, the output and the tokens, as a trace of
    /// `range.count` steps (row 0 is step `range.lowerBound`).
    func rows(_ range: Range<Int>) throws -> NetworkTrace
    /// Token ids of the whole run (for search), when the input is text.
    var tokens: [Int]? { get }
    /// Annotation tracks of the whole run.
    var annotations: [AnnotationTrack] { get }
}

extension ExplorerRowSource {
    /// Token ids of the whole run (for search), when the input is text; nil when unknown.
    public var tokens: [Int]? { nil }
    /// Annotation tracks of the whole run.
    public var annotations: [AnnotationTrack] { [] }
}
