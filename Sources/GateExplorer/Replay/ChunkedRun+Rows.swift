import GateCore

extension ChunkedRun {
    /// Rows `range` (clamped to the run) put together from the chunks under it, each from `chunk`,
    /// with `annotations`' rows (an empty range: chunk 0's layers with no rows).
    public func rows(_ range: Range<Int>, annotations: [AnnotationTrack], chunk: (Int) -> NetworkTrace) -> NetworkTrace {
        let range = range.clamped(to: 0..<steps)
        guard !range.isEmpty else { return chunk(0).rows(0..<0) }
        var result = NetworkTrace(input: Matrix(rows: 0, columns: 0), layers: [])
        for index in self.chunk(containing: range.lowerBound)...self.chunk(containing: range.upperBound - 1) {
            let span = self.range(ofChunk: index)
            let wanted = range.clamped(to: span)
            result.appendSteps(chunk(index).rows((wanted.lowerBound - span.lowerBound)..<(wanted.upperBound - span.lowerBound)))
        }
        result.annotations = annotations.map { $0.rows(range) }
        return result
    }
}
