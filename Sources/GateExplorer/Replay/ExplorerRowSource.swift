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
    /// How far the background computation of rows not computed yet (NaN meanwhile: the reverse-reading
    /// directions of a long run) is, 0...1; nil when every row can be read.
    var pendingProgress: Double? { get }
    /// What the rows not computed yet wait for, in a few words ("← reverse direction: …"), while
    /// ``pendingProgress`` is not nil.
    var pendingNote: String? { get }
    /// Takes in what a background computation finished; true when rows read before may have changed
    /// (read them again).
    func poll() -> Bool
    /// Rows `range` as ``rows(_:)`` gives them, but with nothing left to the background: what is not
    /// computed yet is computed now (for recording and pattern search, which keep the values).
    func completeRows(_ range: Range<Int>) throws -> NetworkTrace
}

extension ExplorerRowSource {
    /// Token ids of the whole run (for search), when the input is text; nil when unknown.
    public var tokens: [Int]? { nil }
    /// Annotation tracks of the whole run.
    public var annotations: [AnnotationTrack] { [] }
    /// Nothing is computed in the background.
    public var pendingProgress: Double? { nil }
    /// Nothing is computed in the background.
    public var pendingNote: String? { nil }
    /// Nothing is computed in the background.
    public func poll() -> Bool { false }
    /// Nothing is computed in the background: the rows.
    public func completeRows(_ range: Range<Int>) throws -> NetworkTrace { try rows(range) }
}
