extension RecordedSteps {
    /// This recording's segments, whose steps are rows of a replayed recording `replayed`, told in the
    /// original run's steps: a segment crossing one of `replayed`'s jumps is split there, and a piece
    /// starting (or, backwards, ending) at one of those jumps takes `replayed`'s carried state, since
    /// the neighbouring row is not its predecessor.
    public func composed(over replayed: RecordedSteps) -> RecordedSteps {
        var result: [Segment] = []
        for segment in segments {
            let rows = segment.firstStep..<(segment.firstStep + segment.count)
            var row = rows.lowerBound
            while row < rows.upperBound {
                guard let (index, inner) = replayed.segment(ofRow: row) else {
                    // Past the replayed segments (cannot happen for a consistent file): kept as rows.
                    result.append(Segment(firstStep: row, count: rows.upperBound - row, states: segment.states))
                    break
                }
                let outer = replayed.segments[index]
                let end = min(rows.upperBound, inner + outer.count)
                var states: [String: [Float]] = [:]
                let forward = row == inner ? outer.states : (row == rows.lowerBound ? segment.states : [:])
                let backward = end == inner + outer.count ? outer.states : (end == rows.upperBound ? segment.states : [:])
                for (key, value) in forward where !key.contains("_reverse.") { states[key] = value }
                for (key, value) in backward where key.contains("_reverse.") { states[key] = value }
                result.append(Segment(firstStep: outer.firstStep + row - inner, count: end - row, states: states))
                row = end
            }
        }
        return RecordedSteps(segments: result)
    }
}
