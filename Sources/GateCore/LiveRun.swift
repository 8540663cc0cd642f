/// A run that grows as input arrives (live input, typing) and stays whole in reach while its memory
/// stays flat: only the newest steps are held (``recent``, trimmed by ``trim(keeping:)``); every input
/// row goes to a ``RowStore`` (a temporary file) as it arrives, and every layer's state (h, c) every
/// ``checkpointInterval`` steps to another, so any older window is recomputed from the nearest
/// checkpoint when it is asked for (``rows(_:)``).
///
/// Steps are computed by ``RecurrentNetwork/stepRows(_:tokens:from:)``, whose values do not depend on
/// how rows are batched: a recomputed step is bit-identical to the step as it was first computed.
/// When a store fails (a full disk), the run carries on holding only the newest steps
/// (``reachableFrom`` then says where the steps still in reach start, and ``storeError`` why).
public final class LiveRun {
    /// The network being stepped.
    public let network: RecurrentNetwork
    /// Steps between checkpoints (a multiple of 4).
    public let checkpointInterval: Int
    /// Steps computed so far.
    public private(set) var steps = 0
    /// The newest steps, held in memory: row 0 is step ``recentFrom``.
    public private(set) var recent: NetworkTrace
    /// The first step held in ``recent``.
    public private(set) var recentFrom = 0
    /// The first step that can still be shown: 0, unless a store failed.
    public private(set) var reachableFrom = 0
    /// Why older steps are out of reach, when a store failed.
    public private(set) var storeError: String?
    /// Chunks recomputed from checkpoints so far (one per ``checkpointInterval`` steps).
    public private(set) var chunksRecomputed = 0
    /// The state of every layer after the last step.
    private var states: [RecurrentState]
    /// Every input row, in order.
    private var inputs: (any RowStore)?
    /// Every token id (one column), when the input is text.
    private var tokenStore: (any RowStore)?
    /// Checkpoint k − 1: every layer's state before step k · ``checkpointInterval``, side by side.
    private var checkpoints: (any RowStore)?
    /// Chunks recomputed lately, newest last (at most ``cachedChunks``, and ``cacheBytes``).
    private var cache = ChunkTraceCache(capacity: cachedChunks, byteLimit: 24 << 20)
    /// Most recomputed chunks kept.
    static let cachedChunks = 3
    /// Most bytes of recomputed chunks kept beyond the newest one (wide models keep fewer chunks).
    public var cacheBytes: Int {
        get { cache.byteLimit }
        set { cache.byteLimit = newValue }
    }

    /// A live run of `network` (forward-reading) that keeps its rows in stores made by `makeStore`
    /// (a name — `input`, `tokens`, `checkpoints` — and a width), starting with `input` and its
    /// `tokens` (the run so far, possibly none).
    public init(network: RecurrentNetwork, input: Matrix, tokens: [Int]? = nil, checkpointInterval: Int = 1024,
                makeStore: (String, Int) throws -> any RowStore) throws {
        guard checkpointInterval >= 4, checkpointInterval % 4 == 0 else {
            throw ShapeError("the checkpoint interval must be a positive multiple of 4 steps, not \(checkpointInterval)")
        }
        self.network = network
        self.checkpointInterval = checkpointInterval
        states = network.liveStartStates
        recent = try network.stepRows(input.rows(0..<0), tokens: tokens.map { _ in [] }, from: states).trace
        let stateWidth = states.reduce(0) { $0 + $1.hidden.count + $1.cell.count }
        do {
            inputs = try makeStore("input", input.columns)
            tokenStore = try tokens.map { _ in try makeStore("tokens", 1) }
            checkpoints = try makeStore("checkpoints", stateWidth)
        } catch {
            dropStores(because: error)
        }
        try append(input, tokens: tokens)
    }

    /// Appends input rows (and their token ids, when the input is text) and computes their steps.
    public func append(_ rows: Matrix, tokens: [Int]? = nil) throws(ShapeError) {
        if let tokens, tokens.count != rows.rows {
            throw ShapeError("\(tokens.count) tokens for \(rows.rows) input steps; give one token per step")
        }
        try network.checkInput(rows)
        var offset = 0
        while offset < rows.rows {
            // Split at checkpoints: the values do not depend on the split.
            let take = min(rows.rows - offset, checkpointInterval - steps % checkpointInterval)
            let part = rows.rows(offset..<(offset + take))
            let partTokens = tokens.map { Array($0[offset..<(offset + take)]) }
            let (trace, after) = try network.stepRows(part, tokens: partTokens, from: states)
            store(part, tokens: partTokens)
            states = after
            recent.appendSteps(trace)
            steps += take
            offset += take
            if steps % checkpointInterval == 0 { storeCheckpoint() }
        }
    }

    /// Forgets held steps beyond the newest `limit` (in bites of a quarter of it, so the copy is paid
    /// once per many steps); they stay in reach through the stores.
    public func trim(keeping limit: Int) {
        let limit = max(1, limit)
        guard recent.steps > limit + limit / 4 else { return }
        let cut = recent.steps - limit
        recent = recent.slice(cut..<recent.steps)
        recentFrom += cut
        if inputs == nil { reachableFrom = recentFrom }
    }

    /// Rows `range` of the run (clamped to the steps in reach): held ones as they are, older ones
    /// recomputed from the nearest checkpoint.
    public func rows(_ range: Range<Int>) throws -> NetworkTrace {
        let range = range.clamped(to: reachableFrom..<max(reachableFrom, steps))
        var result = recent.slice(0..<0)
        var at = range.lowerBound
        while at < min(range.upperBound, recentFrom) {
            let chunk = at / checkpointInterval
            let start = chunk * checkpointInterval
            let trace = try recomputed(chunk: chunk)
            let end = min(range.upperBound, recentFrom, start + trace.steps)
            result.appendSteps(trace.slice((at - start)..<(end - start)))
            at = end
        }
        if at < range.upperBound { result.appendSteps(recent.slice((at - recentFrom)..<(range.upperBound - recentFrom))) }
        return result
    }

    /// Token ids of every step in reach (−1, matching nothing, before ``reachableFrom``), when the
    /// input is text.
    public func allTokens() throws -> [Int]? {
        guard let held = recent.tokens else { return nil }
        guard let tokenStore, recentFrom > 0 else { return Array(repeating: -1, count: recentFrom) + held }
        let older = try tokenStore.read(0..<recentFrom).values.map { Int(exactly: $0) ?? -1 }
        return older + held
    }

    /// Chunk `chunk` (steps from chunk · ``checkpointInterval``, up to the next checkpoint or the last
    /// step), from the cache or recomputed from its checkpoint.
    func recomputed(chunk: Int) throws -> NetworkTrace {
        if let hit = cache.take(chunk) { return hit }
        guard let inputs, let checkpoints else {
            throw ShapeError("steps before \(reachableFrom + 1) are no longer held")
        }
        let start = chunk * checkpointInterval
        let rows = start..<min(steps, start + checkpointInterval)
        let input = try inputs.read(rows)
        let tokens = try tokenStore.map { try $0.read(rows).values.map { Int(exactly: $0) ?? -1 } }
        let from = chunk == 0 ? network.liveStartStates : unpack(try checkpoints.read((chunk - 1)..<chunk).values)
        let trace = try network.stepRows(input, tokens: tokens, from: from).trace
        chunksRecomputed += 1
        // A chunk still growing is not kept (its later steps would be missing).
        if rows.count == checkpointInterval { cache.keep(chunk, trace) }
        return trace
    }

    /// Bytes of rows held in memory: the newest steps and the recomputed chunks kept.
    public var heldBytes: Int {
        ([recent] + cache.entries.map(\.trace)).reduce(0) { $0 + ChunkTraceCache.bytes(of: $1) }
    }

    /// Writes the new rows to the stores (a failure drops them: older steps go out of reach).
    private func store(_ rows: Matrix, tokens: [Int]?) {
        guard let inputs else { return }
        do {
            try inputs.append(rows)
            if let tokens, let tokenStore {
                try tokenStore.append(Matrix(rows: tokens.count, columns: 1, values: tokens.map { Float($0) }))
            }
        } catch {
            dropStores(because: error)
        }
    }

    /// Writes the state after the last step as the next checkpoint.
    private func storeCheckpoint() {
        guard let checkpoints else { return }
        let values = states.flatMap { $0.hidden + $0.cell }
        do {
            try checkpoints.append(Matrix(rows: 1, columns: values.count, values: values))
        } catch {
            dropStores(because: error)
        }
    }

    /// The states packed side by side in a checkpoint row.
    private func unpack(_ values: [Float]) -> [RecurrentState] {
        var offset = 0
        return states.map { shape in
            let hidden = Array(values[offset..<(offset + shape.hidden.count)])
            offset += shape.hidden.count
            let cell = Array(values[offset..<(offset + shape.cell.count)])
            offset += shape.cell.count
            return RecurrentState(hidden: hidden, cell: cell)
        }
    }

    /// Stops keeping rows outside memory: from now on only the held steps are in reach.
    private func dropStores(because error: any Error) {
        inputs = nil
        tokenStore = nil
        checkpoints = nil
        cache = ChunkTraceCache(capacity: Self.cachedChunks, byteLimit: cache.byteLimit)
        storeError = "\(error)"
        reachableFrom = recentFrom
    }
}
