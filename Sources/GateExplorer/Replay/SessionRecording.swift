import GateCanvas
import GateCore

/// What `r` has recorded so far: the rows of every step the cursor reached while recording, in the
/// order reached (stepping forward records the steps passed over, a jump records the step landed on),
/// copied when reached, so a later edit of the run does not change what was recorded.
public struct SessionRecording: Sendable {
    /// The recorded rows as a trace (row k = the k-th step recorded).
    public private(set) var trace: NetworkTrace
    /// The run's step of each recorded row.
    public private(set) var sourceSteps: [Int]
    /// What-if edits made while recording, in words (saved in the trace's metadata).
    public private(set) var edits: [String]

    /// An empty recording.
    public init() {
        trace = NetworkTrace(input: Matrix(rows: 0, columns: 0), layers: [])
        sourceSteps = []
        edits = []
    }

    /// Number of recorded steps.
    public var steps: Int { sourceSteps.count }

    /// Appends `rows`, the run's steps `steps`.
    public mutating func add(_ rows: NetworkTrace, steps: Range<Int>) {
        guard rows.steps == steps.count, !steps.isEmpty else { return }
        trace.appendSteps(rows)
        sourceSteps += Array(steps)
    }

    /// Notes an edit of the run (what-if) made while recording.
    public mutating func noteEdit(_ description: String) {
        edits.append("step \(sourceSteps.count): \(description)")
    }

    /// The recorded row of the run's `step`, when it was recorded (the first time).
    public func row(ofStep step: Int) -> Int? { sourceSteps.firstIndex(of: step) }
}
