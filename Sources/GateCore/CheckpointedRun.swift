/// A network's run over a long input, computed lazily chunk by chunk from checkpoints instead of
/// whole: every layer and direction keeps its state (h, and c for an LSTM) at each chunk boundary,
/// and a chunk's series are computed from the nearest checkpoint when asked for.
///
/// Forward-reading directions fill their checkpoints lazily as chunks further on are asked for (a
/// jump to the end computes forward from the last checkpoint known). Reverse-reading directions
/// (bidirectional layers, ONNX `direction=reverse`) fill theirs the same way from the end: the first
/// chunk asked of them computes back from the last step, keeping only checkpoints on the way.
/// Each layer and direction computes into one ``LayerStreamer`` (buffers allocated once), which also
/// keeps the chunk it computed last; the layer above reads it from there.
///
/// Chunks start at multiples of ``chunkSize`` (a multiple of 16), and a last chunk shorter than 16
/// steps joins the one before, so the input projection of every chunk takes the very kernel path the
/// whole run takes for the same rows: values are bit-identical to ``RecurrentNetwork/run(_:tokens:)``.
public final class CheckpointedRun {
    /// The network being run.
    public let network: RecurrentNetwork
    /// The whole input, T × X (embedded vectors for token models).
    public let input: Matrix
    /// Token ids of the whole input, when it came from text.
    public let tokens: [Int]?
    /// Steps per chunk (the last chunk may hold up to 15 more, or fewer).
    public let chunkSize: Int
    /// Chunk k covers steps `boundaries[k]..<boundaries[k + 1]`.
    public let boundaries: [Int]
    /// Per layer and direction, the forward-reading state at the start of chunks 0, 1, … (known so far).
    private var forwardStates: [[[RecurrentState]]]
    /// Per layer and direction, the reverse-reading state entering chunk k from its end (after every
    /// later step), known from ``reverseKnownFrom`` on.
    private var reverseStates: [[[RecurrentState?]]]
    /// Per layer and direction, the lowest chunk whose reverse-reading state is known.
    private var reverseKnownFrom: [[Int]]
    /// Per layer and direction, the streamer it computes into (made when first needed).
    private var streamers: [[LayerStreamer?]]
    /// Per layer and direction, the chunk its streamer holds.
    private var held: [[Int?]]
    /// Chunk runs computed so far, over every layer and direction (checkpoint fills included).
    public private(set) var chunkRunsComputed = 0

    /// A lazy run of `network` over `input` (checked like ``RecurrentNetwork/run(_:tokens:)``), in chunks
    /// of `chunkSize` steps (a positive multiple of 16).
    public init(network: RecurrentNetwork, input: Matrix, tokens: [Int]? = nil, chunkSize: Int = 1024) throws(ShapeError) {
        guard chunkSize >= 16, chunkSize % 16 == 0 else {
            throw ShapeError("the checkpoint interval must be a positive multiple of 16 steps, not \(chunkSize)")
        }
        if let tokens, tokens.count != input.rows {
            throw ShapeError("\(tokens.count) tokens for \(input.rows) input steps; give one token per step")
        }
        try network.checkInput(input)
        self.network = network
        self.input = input
        self.tokens = tokens
        self.chunkSize = chunkSize
        let boundaries = Self.boundaries(steps: input.rows, chunkSize: chunkSize)
        self.boundaries = boundaries
        let chunks = boundaries.count - 1
        func start(_ layer: Int, _ direction: Int) -> RecurrentState {
            network.initialState(layer: layer, direction: direction) ?? RecurrentState.zero(for: network.layers[layer][direction])
        }
        forwardStates = network.layers.indices.map { layer in network.layers[layer].indices.map { [start(layer, $0)] } }
        reverseStates = network.layers.indices.map { layer in
            network.layers[layer].indices.map { direction in
                var states = [RecurrentState?](repeating: nil, count: chunks)
                if chunks > 0 { states[chunks - 1] = start(layer, direction) }
                return states
            }
        }
        reverseKnownFrom = network.layers.map { Array(repeating: max(0, chunks - 1), count: $0.count) }
        streamers = network.layers.map { Array(repeating: nil, count: $0.count) }
        held = network.layers.map { Array(repeating: nil, count: $0.count) }
    }

    /// The chunk boundaries for a `steps`-step input: multiples of `chunkSize`, then `steps`; a last
    /// chunk shorter than 16 steps is merged into the one before.
    public static func boundaries(steps: Int, chunkSize: Int) -> [Int] {
        guard steps > 0 else { return [0] }
        var result = Array(stride(from: 0, to: steps, by: chunkSize))
        if result.count > 1, steps - result.last! < 16 { result.removeLast() }
        result.append(steps)
        return result
    }

    /// Number of steps.
    public var steps: Int { input.rows }

    /// Number of chunks.
    public var chunkCount: Int { boundaries.count - 1 }

    /// The steps chunk `chunk` covers.
    public func range(ofChunk chunk: Int) -> Range<Int> { boundaries[chunk]..<boundaries[chunk + 1] }

    /// The chunk holding step `step` (clamped to the run).
    public func chunk(containing step: Int) -> Int {
        min(max(0, step / chunkSize), max(0, chunkCount - 1))
    }

    /// The checkpoint of layer `layer`, direction `direction` for chunk `chunk`, if computed yet: the
    /// state before the chunk's first step (forward-reading) or after its last step (reverse-reading).
    public func checkpoint(layer: Int, direction: Int, chunk: Int) -> RecurrentState? {
        if network.isReverse(direction: direction) { return reverseStates[layer][direction][chunk] }
        let known = forwardStates[layer][direction]
        return chunk < known.count ? known[chunk] : nil
    }

    /// Chunks whose forward-reading checkpoints are known in every forward-reading direction (the
    /// chunk count when there is none).
    public var forwardCheckpointsKnown: Int {
        var known = chunkCount
        for layer in network.layers.indices {
            for direction in network.layers[layer].indices where !network.isReverse(direction: direction) {
                known = min(known, forwardStates[layer][direction].count)
            }
        }
        return known
    }

    /// Every series of every layer and direction, the input, the tokens and the head's output for
    /// chunk `chunk`, as a trace of that chunk's steps (row 0 is step `range(ofChunk:).lowerBound`).
    public func trace(ofChunk chunk: Int) -> NetworkTrace {
        let rows = range(ofChunk: chunk)
        return network.trace(input: input.rows(rows), tokens: tokens.map { Array($0[rows]) }) { layer, direction in
            series(of: compute(layer: layer, direction: direction, chunk: chunk))
        }
    }

    /// Computes layer `layer`, direction `direction` over chunk `chunk` from its checkpoint (filling the
    /// checkpoints it needs first) into its streamer, unless the streamer holds that chunk already.
    @discardableResult
    func compute(layer: Int, direction: Int, chunk: Int) -> LayerStreamer {
        let streamer = streamer(layer: layer, direction: direction)
        if held[layer][direction] == chunk { return streamer }
        let reverse = network.isReverse(direction: direction)
        let start = reverse ? reverseStart(layer: layer, direction: direction, chunk: chunk)
            : forwardStart(layer: layer, direction: direction, chunk: chunk)
        let rows = range(ofChunk: chunk)
        if layer == 0 {
            input.values.withUnsafeBufferPointer { values in
                streamer.currentState = start
                run(streamer, values.baseAddress.map { $0 + rows.lowerBound * input.columns }, steps: rows.count, reverse: reverse)
            }
        } else {
            let below = layerInput(layer: layer, chunk: chunk)
            below.withUnsafeBufferPointer { values in
                streamer.currentState = start
                run(streamer, values.baseAddress, steps: rows.count, reverse: reverse)
            }
        }
        held[layer][direction] = chunk
        chunkRunsComputed += 1
        if !reverse, forwardStates[layer][direction].count == chunk + 1, chunk + 1 < chunkCount {
            forwardStates[layer][direction].append(streamer.currentState)
        }
        if reverse, reverseKnownFrom[layer][direction] == chunk, chunk > 0 {
            reverseStates[layer][direction][chunk - 1] = streamer.currentState
            reverseKnownFrom[layer][direction] = chunk - 1
        }
        return streamer
    }

    /// Runs `streamer` over `steps` rows at `rows` (a layer with no inputs reads from a placeholder).
    private func run(_ streamer: LayerStreamer, _ rows: UnsafePointer<Float>?, steps: Int, reverse: Bool) {
        if let rows {
            streamer.run(rows, steps: steps, reverse: reverse)
        } else {
            var none: Float = 0
            streamer.run(&none, steps: steps, reverse: reverse)
        }
    }

    /// The streamer of layer `layer`, direction `direction`, made on first use.
    private func streamer(layer: Int, direction: Int) -> LayerStreamer {
        if let made = streamers[layer][direction] { return made }
        let longest = zip(boundaries.dropFirst(), boundaries).map { $0 - $1 }.max() ?? 0
        let made = LayerStreamer(weights: network.layers[layer][direction], capacity: max(1, longest))
        streamers[layer][direction] = made
        return made
    }

    /// What layer `layer` (above the bottom one) reads over chunk `chunk`: the layer below's hidden
    /// states, directions side by side, row-major.
    func layerInput(layer: Int, chunk: Int) -> [Float] {
        let rows = range(ofChunk: chunk).count
        let directions = network.layers[layer - 1].indices
        let widths = directions.map { network.layers[layer - 1][$0].outputSize }
        let width = widths.reduce(0, +)
        var values = [Float](repeating: 0, count: rows * width)
        var offset = 0
        for direction in directions {
            let hidden = compute(layer: layer - 1, direction: direction, chunk: chunk).hidden
            let w = widths[direction]
            values.withUnsafeMutableBufferPointer { out in
                if directions.count == 1 {
                    out.baseAddress!.update(from: hidden, count: rows * w)
                } else {
                    for t in 0..<rows { (out.baseAddress! + t * width + offset).update(from: hidden + t * w, count: w) }
                }
            }
            offset += w
        }
        return values
    }

    /// The forward-reading state before chunk `chunk`, computing forward from the last checkpoint known.
    func forwardStart(layer: Int, direction: Int, chunk: Int) -> RecurrentState {
        while forwardStates[layer][direction].count <= chunk {
            compute(layer: layer, direction: direction, chunk: forwardStates[layer][direction].count - 1)
        }
        return forwardStates[layer][direction][chunk]
    }

    /// The reverse-reading state entering chunk `chunk` from its end, computing back from the lowest
    /// checkpoint known.
    func reverseStart(layer: Int, direction: Int, chunk: Int) -> RecurrentState {
        while reverseKnownFrom[layer][direction] > chunk {
            compute(layer: layer, direction: direction, chunk: reverseKnownFrom[layer][direction])
        }
        return reverseStates[layer][direction][chunk]!
    }

    /// The checkpoints known so far, as a value for ``adopt(_:)``.
    public var knownCheckpoints: RunCheckpoints {
        RunCheckpoints(forward: forwardStates, reverse: reverseStates)
    }

    /// Takes the checkpoints `other` knows and this run does not (from a run of the same network over
    /// the same input and chunk size, such as a background fill); checkpoints of another shape are a
    /// precondition failure.
    public func adopt(_ other: RunCheckpoints) {
        precondition(other.forward.map { $0.count } == forwardStates.map { $0.count }
                     && other.reverse.map { $0.map(\.count) } == reverseStates.map { $0.map(\.count) },
                     "CheckpointedRun.adopt: checkpoints of another run")
        for layer in forwardStates.indices {
            for direction in forwardStates[layer].indices {
                if other.forward[layer][direction].count > forwardStates[layer][direction].count {
                    forwardStates[layer][direction] = other.forward[layer][direction]
                }
                for chunk in reverseStates[layer][direction].indices where reverseStates[layer][direction][chunk] == nil {
                    reverseStates[layer][direction][chunk] = other.reverse[layer][direction][chunk]
                }
                // Known from the lowest chunk with every chunk above it known.
                var known = reverseKnownFrom[layer][direction]
                while known > 0, reverseStates[layer][direction][known - 1] != nil { known -= 1 }
                reverseKnownFrom[layer][direction] = known
            }
        }
    }

    /// Share of the reverse-reading checkpoints known, 0...1 (1 when nothing reads backward).
    public var reverseCheckpointsKnown: Double {
        var known = 0, total = 0
        for layer in network.layers.indices {
            for direction in network.layers[layer].indices where network.isReverse(direction: direction) {
                total += max(0, chunkCount - 1)
                known += max(0, chunkCount - 1 - reverseKnownFrom[layer][direction])
            }
        }
        return total == 0 ? 1 : Double(known) / Double(total)
    }

    /// Fills every reverse-reading checkpoint down to the first chunk, calling `progress` with
    /// ``reverseCheckpointsKnown`` after each chunk; `progress` returning false stops.
    ///
    /// Every layer goes back in step, chunk by chunk from the end: a reverse-reading direction of a
    /// layer above reads the chunk the one below has just computed, instead of recomputing it from a
    /// checkpoint in a pass of its own (4 passes over the input instead of 5 for two bidirectional layers).
    public func fillReverseCheckpoints(progress: (Double) -> Bool = { _ in true }) {
        for chunk in stride(from: chunkCount - 1, to: 0, by: -1) {
            var computed = false
            for layer in network.layers.indices {
                for direction in network.layers[layer].indices
                where network.isReverse(direction: direction) && reverseKnownFrom[layer][direction] > chunk - 1 {
                    compute(layer: layer, direction: direction, chunk: chunk)
                    computed = true
                }
            }
            if computed, !progress(reverseCheckpointsKnown) { return }
        }
    }

    /// Fills every forward-reading checkpoint up to the last chunk, every layer in step from the start
    /// (a layer above reads the chunk the one below has just computed), calling `progress` with the
    /// share done after each chunk; `progress` returning false stops. After it, End computes one chunk.
    public func fillForwardCheckpoints(progress: (Double) -> Bool = { _ in true }) {
        let last = chunkCount - 1
        for chunk in 0..<max(0, last) {
            for layer in network.layers.indices {
                for direction in network.layers[layer].indices
                where !network.isReverse(direction: direction) && forwardStates[layer][direction].count == chunk + 1 {
                    compute(layer: layer, direction: direction, chunk: chunk)
                }
            }
            if !progress(Double(chunk + 1) / Double(last)) { return }
        }
    }

    /// Whether every direction of layer `layer` can compute chunks `chunks` without a reverse-reading
    /// fill, and without forward-reading fills of more than `forwardFillLimit` chunks (shorter ones are
    /// done on the spot): their reverse-reading checkpoints are known, and so, below, are those of
    /// every chunk a forward fill passes.
    public func computesWithoutReverseFill(layer: Int, chunks: ClosedRange<Int>, forwardFillLimit: Int = .max) -> Bool {
        network.layers[layer].indices.allSatisfy {
            computesWithoutReverseFill(layer: layer, direction: $0, chunks: chunks, forwardFillLimit: forwardFillLimit)
        }
    }

    /// ``computesWithoutReverseFill(layer:chunks:)`` for one direction.
    public func computesWithoutReverseFill(layer: Int, direction: Int, chunks: ClosedRange<Int>,
                                           forwardFillLimit: Int = .max) -> Bool {
        let needed: ClosedRange<Int>
        if network.isReverse(direction: direction) {
            guard reverseKnownFrom[layer][direction] <= chunks.lowerBound else { return false }
            needed = chunks
        } else {
            // A forward fill runs from the last checkpoint known up to the chunk before the range.
            let known = forwardStates[layer][direction].count - 1
            guard chunks.lowerBound - known <= forwardFillLimit else { return false }
            needed = min(chunks.lowerBound, known)...chunks.upperBound
        }
        return layer == 0 || computesWithoutReverseFill(layer: layer - 1, chunks: needed, forwardFillLimit: forwardFillLimit)
    }

    /// Chunk `chunk` as in ``trace(ofChunk:)``, except that a layer and direction that would need a
    /// reverse-reading fill first (or a forward-reading one of more than `forwardFillLimit` chunks) is
    /// not computed: its series (and the head's output) are NaN, "not computed yet". `pending` says
    /// whether any was left out.
    public func traceWithoutReverseFill(ofChunk chunk: Int, forwardFillLimit: Int = .max) -> (trace: NetworkTrace, pending: Bool) {
        var ready: [[Bool]] = []
        for layer in network.layers.indices {
            ready.append(network.layers[layer].indices.map {
                computesWithoutReverseFill(layer: layer, direction: $0, chunks: chunk...chunk, forwardFillLimit: forwardFillLimit)
            })
        }
        guard ready.contains(where: { $0.contains(false) }) else { return (trace(ofChunk: chunk), false) }
        let rows = range(ofChunk: chunk)
        var trace = network.trace(input: input.rows(rows), tokens: tokens.map { Array($0[rows]) }) { layer, direction in
            if ready[layer][direction] { return series(of: compute(layer: layer, direction: direction, chunk: chunk)) }
            let streamer = streamer(layer: layer, direction: direction)
            return Dictionary(uniqueKeysWithValues: zip(streamer.seriesNames, streamer.seriesWidths).map {
                ($0, Matrix(rows: rows.count, columns: $1, values: Array(repeating: .nan, count: rows.count * $1)))
            })
        }
        if let head = network.head {
            trace.output = Matrix(rows: rows.count, columns: head.outputSize,
                                  values: Array(repeating: .nan, count: rows.count * head.outputSize))
        }
        return (trace, true)
    }

    /// Every series `streamer` holds from its last run, by name (copies).
    func series(of streamer: LayerStreamer) -> [String: Matrix] {
        var series: [String: Matrix] = [:]
        for (index, name) in streamer.seriesNames.enumerated() { series[name] = streamer.seriesMatrix(index) }
        return series
    }
}
