/// A run with what-if edits over a long input, computed lazily chunk by chunk like its unedited
/// ``CheckpointedRun`` (the base), never whole. It follows the same ``EditPlan``s as the whole-run
/// re-run (``RecurrentNetwork/run(_:tokens:interventions:reusing:)`` with the unedited trace), so its
/// rows are bit-identical to that run's:
///
/// - a direction nothing changed in reads the base's rows;
/// - a forward-reading direction edited from step s (a clamp at s, or the layer below changed from
///   s) reads the base's rows before s, starts from the base's checkpoint (or state) there and
///   computes the chunks from s on when asked for, keeping its own checkpoints;
/// - a bias shift, a clamp at every step, or a changed reverse-reading direction recomputes every
///   chunk (still one at a time: a jump computes forward, or back from the end, from the nearest
///   checkpoint known).
public final class EditedCheckpointedRun: ChunkedRun {
    /// The unedited run.
    public let base: CheckpointedRun
    /// The edits, oldest first.
    public let interventions: [Intervention]
    /// The network with the edits' bias shifts applied.
    public let network: RecurrentNetwork
    /// Per layer and direction, how it is computed.
    let plans: [[EditPlan]]
    /// Per layer and direction, the states known at the start (forward) or end (reverse) of chunks.
    private var checkpoints: [[[Int: RecurrentState]]]
    /// Per layer and direction, the chunk computed last and its series.
    private var held: [[(chunk: Int, series: [String: Matrix])?]]
    /// The base's last chunk trace read.
    private var baseHeld: (chunk: Int, trace: NetworkTrace)?
    /// Per layer and direction, the kernels' streamer (directions computed by the kernels).
    private var streamers: [[LayerStreamer?]]
    /// Chunk runs computed so far, over every layer and direction (checkpoint fills included).
    public private(set) var chunkRunsComputed = 0

    /// `base` with `interventions` (checked against its network and steps).
    public init(base: CheckpointedRun, interventions: [Intervention]) throws(ShapeError) {
        try base.network.check(interventions, steps: base.steps)
        self.base = base
        self.interventions = interventions
        network = base.network.applyingBiasShifts(interventions)
        plans = EditPlan.plans(network: base.network, interventions: interventions, steps: base.steps, reusing: true)
        checkpoints = network.layers.map { Array(repeating: [:], count: $0.count) }
        held = network.layers.map { Array(repeating: nil, count: $0.count) }
        streamers = network.layers.map { Array(repeating: nil, count: $0.count) }
    }

    public var steps: Int { base.steps }
    public var tokens: [Int]? { base.tokens }
    public var chunkCount: Int { base.chunkCount }
    public func range(ofChunk chunk: Int) -> Range<Int> { base.range(ofChunk: chunk) }
    public func chunk(containing step: Int) -> Int { base.chunk(containing: step) }

    /// The first step whose values may differ from the base run's, over every layer and direction
    /// (the step count when none may).
    public var firstEditedStep: Int { plans.joined().map(\.from).min() ?? steps }

    public func trace(ofChunk chunk: Int) -> NetworkTrace {
        let rows = range(ofChunk: chunk)
        // The top layer first: filling its checkpoints computes each chunk of the layers below once,
        // in step with it (a lower layer asked first would run ahead, and be computed again for it).
        if let last = network.layers.indices.last {
            for direction in network.layers[last].indices { _ = series(layer: last, direction: direction, chunk: chunk) }
        }
        return network.trace(input: base.input.rows(rows), tokens: tokens.map { Array($0[rows]) }) { layer, direction in
            series(layer: layer, direction: direction, chunk: chunk)
        }
    }

    /// The base run's trace of chunk `chunk` (the last one read is kept).
    private func baseTrace(_ chunk: Int) -> NetworkTrace {
        if let baseHeld, baseHeld.chunk == chunk { return baseHeld.trace }
        let trace = base.trace(ofChunk: chunk)
        baseHeld = (chunk, trace)
        return trace
    }

    /// The base's series of layer `layer`, direction `direction` over chunk `chunk`.
    private func baseSeries(layer: Int, direction: Int, chunk: Int) -> [String: Matrix] {
        baseTrace(chunk).layer(layer, reverse: network.isReverse(direction: direction))!.series
    }

    /// The edited series of layer `layer`, direction `direction` over chunk `chunk`.
    func series(layer: Int, direction: Int, chunk: Int) -> [String: Matrix] {
        if let kept = held[layer][direction], kept.chunk == chunk { return kept.series }
        let plan = plans[layer][direction]
        let rows = range(ofChunk: chunk)
        if plan.source == .original || (!network.isReverse(direction: direction) && rows.upperBound <= plan.from) {
            return baseSeries(layer: layer, direction: direction, chunk: chunk)
        }
        let run = compute(layer: layer, direction: direction, chunk: chunk)
        held[layer][direction] = (chunk, run.series)
        return run.series
    }

    /// Computes layer `layer`, direction `direction` over chunk `chunk` from its state there (filling
    /// the checkpoints on the way first) and records the state it ends in.
    private func compute(layer: Int, direction: Int, chunk: Int) -> LayerRun {
        let reverse = network.isReverse(direction: direction)
        let plan = plans[layer][direction]
        let first = reverse ? chunkCount - 1 : self.chunk(containing: plan.from)
        // Fill the checkpoints between the nearest one known and this chunk.
        if reverse {
            let known = (chunk..<chunkCount).first { checkpoints[layer][direction][$0] != nil } ?? first
            if known > chunk {
                for step in stride(from: known, to: chunk, by: -1) { _ = computeChunk(layer: layer, direction: direction, chunk: step) }
            }
        } else if chunk > first {
            let known = (first...chunk).last { checkpoints[layer][direction][$0] != nil } ?? first
            for step in known..<chunk { _ = computeChunk(layer: layer, direction: direction, chunk: step) }
        }
        return computeChunk(layer: layer, direction: direction, chunk: chunk)
    }

    /// One chunk run of layer `layer`, direction `direction`, from its state (known, or the start of
    /// its plan); records the state after it.
    private func computeChunk(layer: Int, direction: Int, chunk: Int) -> LayerRun {
        let reverse = network.isReverse(direction: direction)
        let plan = plans[layer][direction]
        let weights = network.layers[layer][direction]
        let rows = range(ofChunk: chunk)
        let input = layerInput(layer: layer, chunk: chunk)
        chunkRunsComputed += 1
        let start0 = network.initialState(layer: layer, direction: direction) ?? RecurrentState.zero(for: weights)
        var run: LayerRun
        if reverse {
            let start = checkpoints[layer][direction][chunk] ?? start0
            run = plan.source == .kernels ? kernels(layer: layer, direction: direction, input: input, from: start, reverse: true)
                : weights.referenceClampedRun(input, reverse: true, from: start, clamps: plan.clamps(in: rows))
            if chunk > 0 { checkpoints[layer][direction][chunk - 1] = run.finalState }
            return run
        }
        let startsHere = self.chunk(containing: plan.from) == chunk
        if plan.source == .kernels {
            let start = startsHere ? (plan.from == 0 ? start0 : base.forwardStart(layer: layer, direction: direction, chunk: chunk))
                : checkpoints[layer][direction][chunk]!
            run = kernels(layer: layer, direction: direction, input: input, from: start, reverse: false)
        } else if startsHere && plan.from > rows.lowerBound {
            // The base's rows before the edit, then the reference loop from the base's state there.
            let before = baseSeries(layer: layer, direction: direction, chunk: chunk)
            let offset = plan.from - rows.lowerBound
            let state = RecurrentNetwork.state(of: LayerTrace(layer: layer, isReverse: false, kind: weights.kind, series: before),
                                               at: offset - 1)
            let tail = weights.referenceClampedRun(input.rows(offset..<rows.count), reverse: false, from: state,
                                                   clamps: plan.clamps(in: plan.from..<rows.upperBound))
            run = LayerRun(series: RecurrentNetwork.splice(before, tail.series, at: offset), finalState: tail.finalState)
        } else {
            let start: RecurrentState
            if startsHere {
                start = plan.from == 0 ? start0 : baseState(layer: layer, direction: direction, before: plan.from)
            } else {
                start = checkpoints[layer][direction][chunk]!
            }
            run = weights.referenceClampedRun(input, reverse: false, from: start, clamps: plan.clamps(in: rows))
        }
        if chunk + 1 < chunkCount { checkpoints[layer][direction][chunk + 1] = run.finalState }
        return run
    }

    /// The base run's state after step `step − 1` (from its rows, as the whole re-run takes it).
    private func baseState(layer: Int, direction: Int, before step: Int) -> RecurrentState {
        let chunk = self.chunk(containing: step - 1)
        let series = baseSeries(layer: layer, direction: direction, chunk: chunk)
        let weights = network.layers[layer][direction]
        return RecurrentNetwork.state(of: LayerTrace(layer: layer, isReverse: false, kind: weights.kind, series: series),
                                      at: step - 1 - range(ofChunk: chunk).lowerBound)
    }

    /// The kernels' run of `input` (one chunk) from `start`, through the direction's streamer.
    private func kernels(layer: Int, direction: Int, input: Matrix, from start: RecurrentState, reverse: Bool) -> LayerRun {
        let streamer: LayerStreamer
        if let made = streamers[layer][direction] {
            streamer = made
        } else {
            let longest = (0..<chunkCount).map { range(ofChunk: $0).count }.max() ?? 1
            streamer = LayerStreamer(weights: network.layers[layer][direction], capacity: max(1, longest))
            streamers[layer][direction] = streamer
        }
        streamer.currentState = start
        if input.values.isEmpty {
            var none: Float = 0
            streamer.run(&none, steps: input.rows, reverse: reverse)
        } else {
            input.values.withUnsafeBufferPointer { streamer.run($0.baseAddress!, steps: input.rows, reverse: reverse) }
        }
        var series: [String: Matrix] = [:]
        for (index, name) in streamer.seriesNames.enumerated() { series[name] = streamer.seriesMatrix(index) }
        return LayerRun(series: series, finalState: streamer.currentState)
    }

    /// What layer `layer` reads over chunk `chunk`: the input, or the edited layer below's hidden
    /// states, directions side by side.
    private func layerInput(layer: Int, chunk: Int) -> Matrix {
        guard layer > 0 else { return base.input.rows(range(ofChunk: chunk)) }
        let parts = network.layers[layer - 1].indices.map { series(layer: layer - 1, direction: $0, chunk: chunk)[SeriesName.hidden]! }
        return parts.count == 1 ? parts[0] : RecurrentNetwork.concatenateColumns(parts)
    }
}
