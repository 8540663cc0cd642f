import GateCanvas
import GateCore

/// Rows of a run computed chunk by chunk on demand (``ChunkedRun``: a what-if edited run over a long
/// input), for the explorer: only the chunks under the window asked for are computed, and the last
/// few are kept for stepping back and forth.
public final class ChunkedRowSource: ExplorerRowSource {
    /// The lazy run.
    public let run: any ChunkedRun
    /// Chunks computed lately, newest last.
    private var cached: [(chunk: Int, trace: NetworkTrace)] = []
    /// Most chunks kept.
    public let cachedChunks: Int
    public let annotations: [AnnotationTrack]

    /// A source over `run`, keeping up to `cachedChunks` computed chunks; `annotations` cover the whole run.
    public init(run: any ChunkedRun, annotations: [AnnotationTrack] = [], cachedChunks: Int = 6) {
        self.run = run
        self.annotations = annotations
        self.cachedChunks = max(2, cachedChunks)
    }

    public var steps: Int { run.steps }

    public var tokens: [Int]? { run.tokens }

    public func rows(_ range: Range<Int>) throws -> NetworkTrace {
        let range = range.clamped(to: 0..<steps)
        var result = NetworkTrace(input: Matrix(rows: 0, columns: 0), layers: [])
        guard !range.isEmpty else { return result }
        for index in run.chunk(containing: range.lowerBound)...run.chunk(containing: range.upperBound - 1) {
            let span = run.range(ofChunk: index)
            let wanted = range.clamped(to: span)
            result.appendSteps(chunk(index).rows((wanted.lowerBound - span.lowerBound)..<(wanted.upperBound - span.lowerBound)))
        }
        result.annotations = annotations.map { $0.rows(range) }
        return result
    }

    /// Chunk `index` of the run, from the cache or computed.
    private func chunk(_ index: Int) -> NetworkTrace {
        if let hit = cached.firstIndex(where: { $0.chunk == index }) {
            let entry = cached.remove(at: hit)
            cached.append(entry)
            return entry.trace
        }
        let trace = run.trace(ofChunk: index)
        cached.append((index, trace))
        if cached.count > cachedChunks { cached.removeFirst() }
        return trace
    }
}
