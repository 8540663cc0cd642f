import GateCanvas
import GateCore

/// Rows of a run computed chunk by chunk on demand (``ChunkedRun``: a what-if edited run over a long
/// input), for the explorer: only the chunks under the window asked for are computed, and the last
/// few are kept for stepping back and forth.
public final class ChunkedRowSource: ExplorerRowSource {
    /// The lazy run.
    public let run: any ChunkedRun
    /// Chunks computed lately.
    private var cached: ChunkTraceCache
    /// Most chunks kept.
    public var cachedChunks: Int { cached.capacity }
    public let annotations: [AnnotationTrack]

    /// A source over `run`, keeping up to `cachedChunks` computed chunks; `annotations` cover the whole run.
    public init(run: any ChunkedRun, annotations: [AnnotationTrack] = [], cachedChunks: Int = 6) {
        self.run = run
        self.annotations = annotations
        self.cached = ChunkTraceCache(capacity: max(2, cachedChunks))
    }

    public var steps: Int { run.steps }

    public var tokens: [Int]? { run.tokens }

    public func rows(_ range: Range<Int>) throws -> NetworkTrace {
        run.rows(range, annotations: annotations) { chunk($0) }
    }

    /// Chunk `index` of the run, from the cache or computed.
    private func chunk(_ index: Int) -> NetworkTrace {
        if let hit = cached.take(index) { return hit }
        let trace = run.trace(ofChunk: index)
        cached.keep(index, trace)
        return trace
    }
}
