/// Steps a network through a sequence one timestep at a time, forward and back, or jumps anywhere.
///
/// Every step is computed once and kept, so stepping back and forward again returns the very same
/// numbers, bit for bit. A bidirectional network needs the whole sequence before its first step (the
/// reverse direction starts at the end), so it is computed in one go; a unidirectional network can
/// also grow one input row at a time (live input), each new row continuing from the last state.
public struct SequenceStepper: Sendable {
    /// The network being stepped.
    public let network: RecurrentNetwork
    /// Everything computed so far.
    public private(set) var trace: NetworkTrace
    /// The current step, 0-based; −1 before the first step.
    public private(set) var position: Int
    /// The state of each layer (forward direction) after the last computed step, for live input.
    private var finalStates: [RecurrentState]

    /// A stepper over a whole input sequence, positioned at the first step.
    public init(network: RecurrentNetwork, input: Matrix, tokens: [Int]? = nil) throws(ShapeError) {
        self.network = network
        self.trace = try network.run(input, tokens: tokens)
        self.position = input.rows > 0 ? 0 : -1
        self.finalStates = []
        if !network.needsWholeSequence {
            finalStates = trace.layers.map { layer in
                let last = layer.steps - 1
                let weights = network.layers[layer.layer][0]
                guard last >= 0 else {
                    return network.initialState(layer: layer.layer, direction: 0) ?? RecurrentState.zero(for: weights)
                }
                return RecurrentState(hidden: layer.hidden.row(last),
                                      cell: layer.series[SeriesName.cell]?.row(last) ?? [])
            }
        }
    }

    /// A stepper over an existing trace (a replay): stepping only moves through recorded values.
    public init(replaying trace: NetworkTrace, network: RecurrentNetwork) {
        self.network = network
        self.trace = trace
        self.position = trace.steps > 0 ? 0 : -1
        self.finalStates = []
    }

    /// Number of steps computed.
    public var steps: Int { trace.steps }

    /// Moves one step forward; false at the last step.
    @discardableResult
    public mutating func stepForward() -> Bool {
        guard position + 1 < steps else { return false }
        position += 1
        return true
    }

    /// Moves one step back; false at the first step.
    @discardableResult
    public mutating func stepBack() -> Bool {
        guard position > 0 else { return false }
        position -= 1
        return true
    }

    /// Jumps to step `t` (clamped to the sequence).
    public mutating func jump(to t: Int) {
        position = steps == 0 ? -1 : min(max(t, 0), steps - 1)
    }

    /// Appends input rows (live input) and computes their steps; unidirectional networks only.
    public mutating func append(_ rows: Matrix, tokens: [Int]? = nil) throws(ShapeError) {
        guard !network.needsWholeSequence else {
            throw ShapeError("live input needs a forward-reading model; a bidirectional or reverse-reading one must see the whole sequence")
        }
        try network.checkInput(rows)
        if finalStates.isEmpty {
            finalStates = network.layers.indices.map {
                network.initialState(layer: $0, direction: 0) ?? RecurrentState.zero(for: network.layers[$0][0])
            }
        }
        var current = rows
        for index in network.layers.indices {
            let run = network.layers[index][0].run(current, from: finalStates[index])
            finalStates[index] = run.finalState
            for (name, matrix) in run.series {
                trace.layers[index].series[name, default: Matrix(rows: 0, columns: matrix.columns)]
                    .appendRows(matrix)
            }
            current = run.series[SeriesName.hidden]!
        }
        trace.input.appendRows(rows)
        if let tokens { trace.tokens = (trace.tokens ?? []) + tokens }
        if let head = network.head {
            let output = head.apply(to: current)
            if trace.output == nil { trace.output = Matrix(rows: 0, columns: output.columns) }
            trace.output!.appendRows(output)
        }
        if position < 0 { position = 0 }
    }
}
