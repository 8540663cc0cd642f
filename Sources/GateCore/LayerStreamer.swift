/// Runs one layer forward over a long sequence chunk after chunk, into per-series buffers allocated
/// once: the buffers the kernels write are the series (no per-chunk arrays, no copies), and the state
/// carries over from chunk to chunk (or is set, ``currentState``). Used by the trace recorder and by
/// ``CheckpointedRun``; values are bit-identical to ``CellWeights/run(_:reverse:from:)`` over the same chunks.
public final class LayerStreamer {
    /// The layer's series names, in the order of ``series(_:)``.
    public let seriesNames: [String]
    /// Values per step of each series, in the same order.
    public let seriesWidths: [Int]
    /// Most steps one ``run(_:steps:)`` takes.
    public let capacity: Int
    /// Steps the last ``run(_:steps:)`` computed.
    public private(set) var steps = 0

    private let weights: CellWeights
    private let projector: SequenceProjector
    private let gateWidth: Int
    private let buffers: [UnsafeMutablePointer<Float>]
    private let projected: UnsafeMutablePointer<Float>
    /// The hidden, cell and unprojected state, and a scratch row (LSTM without projection).
    private let state: UnsafeMutablePointer<Float>, cell: UnsafeMutablePointer<Float>
    private let unprojected: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>
    private let hiddenIndex: Int

    /// A streamer for `weights` taking up to `capacity` steps per chunk, starting from `start` (the zero
    /// state when nil; a start of the wrong size is a precondition failure).
    public init(weights: CellWeights, capacity: Int, from start: RecurrentState? = nil) {
        precondition(capacity > 0, "LayerStreamer: capacity must be positive")
        self.weights = weights
        self.capacity = capacity
        let names: [String], widths: [Int]
        switch weights {
        case .lstm(let w):
            names = Array(LSTMWeights.kernelSeriesOrder.prefix(w.seriesKinds)) + [SeriesName.hidden]
            widths = Array(repeating: w.hiddenSize, count: w.seriesKinds) + [w.outputSize]
            projector = SequenceProjector(weights: w.inputWeights, bias: w.combinedBias, longestInput: capacity)
            gateWidth = 4 * w.hiddenSize
        case .gru(let w):
            names = GRUWeights.kernelSeriesOrder
            widths = Array(repeating: w.hiddenSize, count: names.count)
            projector = SequenceProjector(weights: w.inputWeights, bias: w.inputBias, longestInput: capacity)
            gateWidth = 3 * w.hiddenSize
        case .rnn(let w):
            names = [SeriesName.preactivation(SeriesName.hidden), SeriesName.hidden]
            widths = [w.hiddenSize, w.hiddenSize]
            projector = SequenceProjector(weights: w.inputWeights, bias: zip(w.inputBias, w.recurrentBias).map { $0 + $1 },
                                          longestInput: capacity)
            gateWidth = w.hiddenSize
        }
        seriesNames = names
        seriesWidths = widths
        hiddenIndex = names.firstIndex(of: SeriesName.hidden)!
        buffers = widths.map { UnsafeMutablePointer<Float>.allocate(capacity: max(capacity * $0, 1)) }
        projected = .allocate(capacity: max(capacity * gateWidth, 1))
        let zero = RecurrentState.zero(for: weights)
        let h = weights.hiddenSize
        state = .allocate(capacity: max(zero.hidden.count, 1))
        state.initialize(repeating: 0, count: max(zero.hidden.count, 1))
        cell = .allocate(capacity: max(h, 1))
        cell.initialize(repeating: 0, count: max(h, 1))
        unprojected = .allocate(capacity: max(h, 1))
        unprojected.initialize(repeating: 0, count: max(h, 1))
        scratch = .allocate(capacity: max(h, 1))
        scratch.initialize(repeating: 0, count: max(h, 1))
        if let start {
            precondition(start.hidden.count == zero.hidden.count && start.cell.count == zero.cell.count,
                         "LayerStreamer: a start state of the wrong size")
            for (k, value) in start.hidden.enumerated() { state[k] = value }
            for (k, value) in start.cell.enumerated() { cell[k] = value }
        }
    }

    deinit {
        for buffer in buffers { buffer.deallocate() }
        projected.deallocate()
        state.deallocate()
        cell.deallocate()
        unprojected.deallocate()
        scratch.deallocate()
    }

    /// The state the next ``run(_:steps:reverse:)`` starts from (the state after the last one); setting
    /// it to a state of the wrong size is a precondition failure.
    public var currentState: RecurrentState {
        get {
            let zero = RecurrentState.zero(for: weights)
            return RecurrentState(hidden: Array(UnsafeBufferPointer(start: state, count: zero.hidden.count)),
                                  cell: Array(UnsafeBufferPointer(start: cell, count: zero.cell.count)))
        }
        set {
            let zero = RecurrentState.zero(for: weights)
            precondition(newValue.hidden.count == zero.hidden.count && newValue.cell.count == zero.cell.count,
                         "LayerStreamer: a state of the wrong size")
            for (k, value) in newValue.hidden.enumerated() { state[k] = value }
            for (k, value) in newValue.cell.enumerated() { cell[k] = value }
        }
    }

    /// Runs the next `steps` steps (at most ``capacity``) over `input` (`steps` × the layer's input
    /// width, row-major), continuing from where the last chunk ended; `reverse` reads the chunk from
    /// its last row to its first (row t of each series is still input row t).
    public func run(_ input: UnsafePointer<Float>, steps: Int, reverse: Bool = false) {
        precondition(steps >= 0 && steps <= capacity, "LayerStreamer: \(steps) steps for a capacity of \(capacity)")
        self.steps = steps
        guard steps > 0 else { return }
        projector.project(input, rows: steps, into: projected)
        switch weights {
        case .lstm(let w):
            w.runSteps(projected: projected, steps: steps, reverse: reverse, state: state, cell: cell, unprojected: unprojected,
                       series: Array(buffers.prefix(w.seriesKinds)), scratch: scratch, hiddenOut: buffers[hiddenIndex])
        case .gru(let w) where w.resetAfter:
            w.runSteps(projected: projected, steps: steps, reverse: reverse, state: state, series: buffers)
        case .gru(let w):
            // Keras' reset_after=False needs a second mat-vec between the gates: the reference run, copied in.
            let inputs = Matrix(rows: steps, columns: w.inputSize,
                                values: Array(UnsafeBufferPointer(start: input, count: steps * w.inputSize)))
            let run = w.referenceRun(inputs, reverse: reverse, from: RecurrentState(hidden: Array(UnsafeBufferPointer(start: state, count: w.hiddenSize))))
            for (k, name) in seriesNames.enumerated() {
                run.series[name]!.values.withUnsafeBufferPointer { buffers[k].update(from: $0.baseAddress!, count: $0.count) }
            }
            run.finalState.hidden.withUnsafeBufferPointer { state.update(from: $0.baseAddress!, count: $0.count) }
        case .rnn(let w):
            w.runSteps(projected: projected, steps: steps, reverse: reverse, state: state,
                       preactivations: buffers[0], hiddens: buffers[1])
        }
    }

    /// Series `index`'s rows from the last ``run(_:steps:)``: `steps` × its width values.
    public func series(_ index: Int) -> UnsafeBufferPointer<Float> {
        UnsafeBufferPointer(start: buffers[index], count: steps * seriesWidths[index])
    }

    /// The hidden state rows from the last run (the next layer's input).
    public var hidden: UnsafePointer<Float> { UnsafePointer(buffers[hiddenIndex]) }

    /// Series `index`'s rows from the last run as a matrix (a copy).
    public func seriesMatrix(_ index: Int) -> Matrix {
        Matrix(rows: steps, columns: seriesWidths[index], values: Array(series(index)))
    }
}
