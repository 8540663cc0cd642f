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
/// and ``poll()`` takes the checkpoints in when they are ready (then the forward-reading ones, so that
/// End computes one chunk).
public final class CheckpointedRowSource: ExplorerRowSource {
    /// The lazy run.
    public let run: CheckpointedRun
    /// Chunks computed lately, newest last (complete ones only).
    private var cached: [(chunk: Int, trace: NetworkTrace)] = []
    /// Most chunks kept.
    public let cachedChunks: Int
    public let annotations: [AnnotationTrack]
    /// The background fill of the reverse-reading checkpoints, while it runs.
    private var fill: ReverseCheckpointFill?

    /// A source over `run`, keeping up to `cachedChunks` computed chunks; `annotations` cover the whole
    /// run; `fillsInBackground` fills the reverse-reading checkpoints on a background task (when the
    /// network reads backward and they are not known yet).
    public init(run: CheckpointedRun, annotations: [AnnotationTrack] = [], cachedChunks: Int = 6,
                fillsInBackground: Bool = false) {
        self.run = run
        self.annotations = annotations
        self.cachedChunks = max(2, cachedChunks)
        if fillsInBackground, run.reverseCheckpointsKnown < 1 {
            fill = ReverseCheckpointFill(network: run.network, input: run.input, tokens: run.tokens, chunkSize: run.chunkSize)
        }
    }

    deinit {
        fill?.cancel()
    }

    public var steps: Int { run.steps }

    public var tokens: [Int]? { run.tokens }

    /// The reverse-reading fill's progress, until its checkpoints are taken in.
    public var pendingProgress: Double? {
        guard let fill, run.reverseCheckpointsKnown < 1 else { return nil }
        return fill.progress
    }

    /// Takes in the checkpoints the background fill handed over; true when they were the reverse-reading
    /// ones (rows change from NaN to values), false for none or for forward-reading ones (values as before).
    public func poll() -> Bool {
        guard let fill else { return false }
        let finished = fill.isFinished
        let waiting = run.reverseCheckpointsKnown < 1
        if let done = fill.take() { run.adopt(done) }
        if finished { self.fill = nil }
        guard waiting, run.reverseCheckpointsKnown == 1 else { return false }
        cached.removeAll()
        return true
    }

    public func rows(_ range: Range<Int>) throws -> NetworkTrace {
        let range = range.clamped(to: 0..<steps)
        guard !range.isEmpty else { return chunk(0).rows(0..<0) }
        var result = NetworkTrace(input: Matrix(rows: 0, columns: 0), layers: [])
        for index in run.chunk(containing: range.lowerBound)...run.chunk(containing: range.upperBound - 1) {
            let span = run.range(ofChunk: index)
            let wanted = range.clamped(to: span)
            let part = chunk(index).rows((wanted.lowerBound - span.lowerBound)..<(wanted.upperBound - span.lowerBound))
            result.appendSteps(part)
        }
        result.annotations = annotations.map { $0.rows(range) }
        return result
    }

    /// Chunk `index` of the run, from the cache or computed (while the background fill runs, what
    /// needs it is left NaN, and such a chunk is not kept).
    func chunk(_ index: Int) -> NetworkTrace {
        if let hit = cached.firstIndex(where: { $0.chunk == index }) {
            let entry = cached.remove(at: hit)
            cached.append(entry)
            return entry.trace
        }
        let trace: NetworkTrace
        if fill != nil {
            let (part, pending) = run.traceWithoutReverseFill(ofChunk: index)
            if pending { return part }
            trace = part
        } else {
            trace = run.trace(ofChunk: index)
        }
        cached.append((index, trace))
        if cached.count > cachedChunks { cached.removeFirst() }
        return trace
    }
}
