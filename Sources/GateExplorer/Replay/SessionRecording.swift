import GateCanvas
import GateCore

/// What `r` has recorded so far: the rows of every step the cursor reached while recording, in the
/// order reached (stepping forward records the steps passed over, a jump records the step landed on),
/// copied when reached, so a later edit of the run does not change what was recorded. The rows go to
/// a ``RecordingStream`` as they are recorded (to disk, for the command); what is kept here is which
/// step of the run each recorded row was, as runs of consecutive steps.
public struct SessionRecording {
    /// Where the rows go.
    let stream: any RecordingStream
    /// The run's steps recorded, in order, as runs of consecutive steps.
    public private(set) var segments: [Range<Int>]
    /// Number of recorded steps.
    public private(set) var steps: Int
    /// What-if edits made while recording, in words (saved in the trace's metadata).
    public private(set) var edits: [String]

    /// An empty recording writing to `stream`.
    public init(stream: any RecordingStream) {
        self.stream = stream
        segments = []
        steps = 0
        edits = []
    }

    /// Appends `rows`, the run's steps `steps`.
    public mutating func add(_ rows: NetworkTrace, steps range: Range<Int>) throws {
        guard rows.steps == range.count, !range.isEmpty else { return }
        try stream.append(rows)
        if let last = segments.last, last.upperBound == range.lowerBound {
            segments[segments.count - 1] = last.lowerBound..<range.upperBound
        } else {
            segments.append(range)
        }
        steps += range.count
    }

    /// Notes an edit of the run (what-if) made while recording.
    public mutating func noteEdit(_ description: String) {
        edits.append("step \(steps): \(description)")
    }

    /// The recorded row of the run's `step`, when it was recorded (the first time).
    public func row(ofStep step: Int) -> Int? {
        var row = 0
        for segment in segments {
            if segment.contains(step) { return row + step - segment.lowerBound }
            row += segment.count
        }
        return nil
    }
}
