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
    /// The state carried into each segment (``RecordedSteps/Segment/states``), parallel to `segments`.
    public private(set) var states: [[String: [Float]]]
    /// Number of recorded steps.
    public private(set) var steps: Int
    /// What-if edits made while recording, in words (saved in the trace's metadata).
    public private(set) var edits: [String]

    /// An empty recording writing to `stream`.
    public init(stream: any RecordingStream) {
        self.stream = stream
        segments = []
        states = []
        steps = 0
        edits = []
    }

    /// True when steps `range` would start a new segment (they do not continue the last one).
    public func startsSegment(_ range: Range<Int>) -> Bool { segments.last?.upperBound != range.lowerBound }

    /// Appends `rows`, the run's steps `steps`; `before` is the forward directions' state before the
    /// first step (used when the rows start a segment), `after` the reverse directions' state after
    /// the last (keys `l0.hidden`, `l0.cell`, `l0_reverse.hidden`, …; see ``RecordedSteps``).
    public mutating func add(_ rows: NetworkTrace, steps range: Range<Int>, before: [String: [Float]] = [:],
                             after: [String: [Float]] = [:]) throws {
        guard rows.steps == range.count, !range.isEmpty else { return }
        try stream.append(rows)
        if let last = segments.last, last.upperBound == range.lowerBound {
            segments[segments.count - 1] = last.lowerBound..<range.upperBound
            // The reverse direction reads the segment backwards: its carried state is the one after its new end.
            states[states.count - 1] = states[states.count - 1].filter { !$0.key.contains("_reverse.") }
                .merging(after) { $1 }
        } else {
            segments.append(range)
            states.append(before.merging(after) { $1 })
        }
        steps += range.count
    }

    /// Which run step each recorded row was and the states carried into each segment, for the file.
    public var recordedSteps: RecordedSteps {
        RecordedSteps(segments: zip(segments, states).map {
            RecordedSteps.Segment(firstStep: $0.lowerBound, count: $0.count, states: $1)
        })
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
