import GateCanvas
import GateCore

/// Rows of a network's run over a long input, computed on demand from checkpoints
/// (``CheckpointedRun``) rather than run and kept whole: the explorer asks for the window on screen,
/// and only the chunks under it are computed; the last few chunks are kept for stepping back and forth.
///
/// With `fillsInBackground`, a network that reads backward does not make the first window wait for
/// its reverse-reading directions to read the whole input back from the end: a
/// ``ReverseCheckpointFill`` computes their checkpoints on a background task, the rows of what needs
/// them are NaN (drawn ×, "not computed yet") meanwhile, ``pendingProgress`` says how far it is,
/// and ``poll()`` takes the checkpoints in when they are ready. The fill then goes on to the
/// forward-reading checkpoints to the end (so that End computes one chunk); meanwhile a jump far ahead
/// waits for it the same way instead of computing the same fill a second time.
public final class CheckpointedRowSource: ExplorerRowSource {
    /// The lazy run.
    public let run: CheckpointedRun
    /// Chunks computed lately (complete ones only).
    private var cached: ChunkTraceCache
    /// Most chunks kept.
    public var cachedChunks: Int { cached.capacity }
    public let annotations: [AnnotationTrack]
    /// The background fill of the reverse-reading checkpoints, while it runs.
    private var fill: ReverseCheckpointFill?
    /// Whether the rows read last had some waiting for the background fill.
    private var lastReadPending = false

    /// A source over `run`, keeping up to `cachedChunks` computed chunks; `annotations` cover the whole
    /// run; `fillsInBackground` fills the reverse-reading checkpoints on a background task (when the
    /// network reads backward and they are not known yet).
    public init(run: CheckpointedRun, annotations: [AnnotationTrack] = [], cachedChunks: Int = 6,
                fillsInBackground: Bool = false) {
        self.run = run
        self.annotations = annotations
        self.cached = ChunkTraceCache(capacity: max(2, cachedChunks))
        if fillsInBackground, run.reverseCheckpointsKnown < 1 {
            fill = ReverseCheckpointFill(network: run.network, input: run.input, tokens: run.tokens, chunkSize: run.chunkSize)
        }
    }

    deinit {
        fill?.cancel()
    }

    public var steps: Int { run.steps }

    public var tokens: [Int]? { run.tokens }

    /// While the background fill runs on to the forward-reading checkpoints, chunks further than this
    /// from the last one known wait for it (rows ×) rather than compute the same fill a second time.
    static let forwardFillLimit = 2

    /// Whether the background fill still runs.
    public var isFillingInBackground: Bool { fill != nil }

    /// The background fill's progress while the last rows read wait for it (always, until the
    /// reverse-reading checkpoints are taken in).
    public var pendingProgress: Double? {
        guard let fill else { return nil }
        if run.reverseCheckpointsKnown < 1 { return fill.isFillingForward ? 1 : fill.progress }
        return lastReadPending ? fill.progress : nil
    }

    /// What the rows marked × wait for.
    public var pendingNote: String? {
        guard fill != nil else { return nil }
        return run.reverseCheckpointsKnown < 1 ? "← reverse direction: reading the input back from its last step"
            : "→ forward from the first step to here"
    }

    public func poll() -> Bool {
        absorb()
    }

    /// Takes in the checkpoints the background fill handed over (and lets the fill go when it has
    /// ended); true when rows read last waited for it and may now be computed.
    @discardableResult
    private func absorb() -> Bool {
        guard let fill else { return false }
        let finished = fill.isFinished
        var adopted = false
        if let done = fill.take() {
            run.adopt(done)
            adopted = true
        }
        if finished { self.fill = nil }
        return lastReadPending && (adopted || finished)
    }

    public func rows(_ range: Range<Int>) throws -> NetworkTrace {
        absorb()
        lastReadPending = false
        return run.rows(range, annotations: annotations) { chunk($0) }
    }

    /// Rows `range` with every value computed now (a fill the background has not finished is done
    /// here, as without it); nothing NaN for "not computed yet".
    public func completeRows(_ range: Range<Int>) throws -> NetworkTrace {
        absorb()
        return run.rows(range, annotations: annotations) { index in cached.peek(index) ?? run.trace(ofChunk: index) }
    }

    /// Chunk `index` of the run, from the cache or computed (while the background fill runs, what
    /// needs it is left NaN, and such a chunk is not kept).
    func chunk(_ index: Int) -> NetworkTrace {
        if let hit = cached.take(index) { return hit }
        let trace: NetworkTrace
        if let fill {
            let limit = run.reverseCheckpointsKnown < 1 || !fill.isFillingForward ? Int.max : Self.forwardFillLimit
            let (part, pending) = run.traceWithoutReverseFill(ofChunk: index, forwardFillLimit: limit)
            if pending {
                lastReadPending = true
                return part
            }
            trace = part
        } else {
            trace = run.trace(ofChunk: index)
        }
        cached.keep(index, trace)
        return trace
    }
}
