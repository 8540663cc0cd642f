/// Which step of the original run each row of a session recording (`r`) was, as runs of consecutive
/// steps, and the state each layer and direction carried into every run: what a replay needs to
/// show the original step numbers, the jumps, and true equations at the first row and every jump.
///
/// Stored in a trace file's metadata: `recorded_steps` = `"1001-1629,9001-9003"` (1-based, inclusive)
/// and `recorded_states` = one entry per run, separated by `|`, each `key=v,v,…;key=…` with keys
/// `l{k}.hidden`, `l{k}.cell`, `l{k}_reverse.hidden`, … (the floats in the shortest form that reads
/// back exactly). A forward direction's entry is the state before the run's first step; a reverse
/// direction's is the state after its last step (the reverse direction reads the steps backwards).
public struct RecordedSteps: Sendable, Equatable {
    /// One run of consecutive steps of the original run.
    public struct Segment: Sendable, Equatable {
        /// The original run's step (0-based) of the segment's first row.
        public var firstStep: Int
        /// Rows in the segment.
        public var count: Int
        /// The state carried into the segment, by `LayerTrace.key` + `.hidden` / `.cell`; empty when
        /// not recorded.
        public var states: [String: [Float]]

        /// A segment from its parts.
        public init(firstStep: Int, count: Int, states: [String: [Float]] = [:]) {
            self.firstStep = firstStep
            self.count = count
            self.states = states
        }

        /// The original steps of the segment.
        public var steps: Range<Int> { firstStep..<(firstStep + count) }
    }

    /// Metadata key of the segments.
    public static let stepsKey = "recorded_steps"
    /// Metadata key of the states.
    public static let statesKey = "recorded_states"

    /// The segments, in row order.
    public var segments: [Segment]

    /// Segments in row order.
    public init(segments: [Segment]) {
        self.segments = segments
    }

    /// Rows in all segments.
    public var rows: Int { segments.reduce(0) { $0 + $1.count } }

    /// The segment holding `row` and the segment's first row, or nil past the end.
    public func segment(ofRow row: Int) -> (index: Int, firstRow: Int)? {
        guard row >= 0 else { return nil }
        var first = 0
        for (index, segment) in segments.enumerated() {
            if row < first + segment.count { return (index, first) }
            first += segment.count
        }
        return nil
    }

    /// The original step (0-based) of `row`; rows past the end continue the last segment.
    public func step(ofRow row: Int) -> Int {
        if let (index, first) = segment(ofRow: row) { return segments[index].firstStep + row - first }
        guard let last = segments.last else { return row }
        return last.firstStep + last.count + (row - rows)
    }

    /// The first row that recorded original `step`, or nil when it was not recorded.
    public func row(ofStep step: Int) -> Int? {
        var first = 0
        for segment in segments {
            if segment.steps.contains(step) { return first + step - segment.firstStep }
            first += segment.count
        }
        return nil
    }

    /// The row recorded nearest to original `step` (for a go-to of a step that was not recorded).
    public func nearestRow(toStep step: Int) -> Int {
        if let row = row(ofStep: step) { return row }
        var best = 0, bestDistance = Int.max, first = 0
        for segment in segments where segment.count > 0 {
            let clamped = min(max(step, segment.firstStep), segment.firstStep + segment.count - 1)
            let distance = abs(clamped - step)
            if distance < bestDistance { (best, bestDistance) = (first + clamped - segment.firstStep, distance) }
            first += segment.count
        }
        return best
    }

    /// True when `row`'s predecessor in `reverse` reading order is not the neighbouring row (the first
    /// row of a segment going forward, the last going backward).
    public func startsSegment(row: Int, reverse: Bool) -> Bool {
        guard let (index, first) = segment(ofRow: row) else { return false }
        return reverse ? row == first + segments[index].count - 1 : row == first
    }

    /// The recorded state carried into `row` for layer `key` (`l0`, `l0_reverse`) when `row` starts a
    /// segment in that direction: `.recorded` with h (and c), `.notRecorded` when the file does not
    /// hold it, nil when the predecessor is simply the neighbouring row.
    public func carriedState(row: Int, layerKey key: String, reverse: Bool) -> CarriedState? {
        guard startsSegment(row: row, reverse: reverse), let (index, _) = segment(ofRow: row) else { return nil }
        let states = segments[index].states
        guard let hidden = states[key + ".hidden"] else { return .notRecorded }
        return .recorded(RecurrentState(hidden: hidden, cell: states[key + ".cell"] ?? []))
    }

    /// What is known of the state a row starts from when its predecessor is not the neighbouring row.
    public enum CarriedState: Sendable, Equatable {
        /// The state, as recorded.
        case recorded(RecurrentState)
        /// The file does not say (an older recording).
        case notRecorded
    }

    /// The metadata entries that store the segments and states.
    public var metadata: [String: String] {
        let steps = segments.map { "\($0.firstStep + 1)-\($0.firstStep + $0.count)" }.joined(separator: ",")
        var result = [Self.stepsKey: steps]
        if segments.contains(where: { !$0.states.isEmpty }) {
            result[Self.statesKey] = segments.map { segment in
                segment.states.sorted { $0.key < $1.key }
                    .map { "\($0.key)=" + $0.value.map { "\($0)" }.joined(separator: ",") }
                    .joined(separator: ";")
            }.joined(separator: "|")
        }
        return result
    }

    /// Reads the segments from a trace's metadata; nil when it has none (a trace from `record`, or a
    /// recording made before they were stored) or they are malformed or do not cover `rows`.
    public init?(metadata: [String: String], rows: Int) {
        guard let text = metadata[Self.stepsKey], !text.isEmpty else { return nil }
        var segments: [Segment] = []
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-")
            guard bounds.count == 2, let first = Int(bounds[0]), let last = Int(bounds[1]), first >= 1, last >= first,
                  last - first < 1 << 40 else { return nil }
            segments.append(Segment(firstStep: first - 1, count: last - first + 1))
        }
        guard segments.reduce(0, { $0 + $1.count }) == rows else { return nil }
        if let states = metadata[Self.statesKey] {
            let entries = states.split(separator: "|", omittingEmptySubsequences: false)
            if entries.count == segments.count {
                for (index, entry) in entries.enumerated() {
                    for item in entry.split(separator: ";") {
                        guard let equals = item.firstIndex(of: "=") else { continue }
                        let values = item[item.index(after: equals)...].split(separator: ",").compactMap { Float(String($0)) }
                        segments[index].states[String(item[..<equals])] = values
                    }
                }
            }
        }
        self.segments = segments
    }
}
