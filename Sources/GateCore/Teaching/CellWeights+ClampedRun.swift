extension CellWeights {
    /// Runs this layer and direction like `run`, with some gates pinned to values. Without clamps this
    /// is `run` itself (the fast path); with clamps, a plain Swift loop with PyTorch's equations.
    func clampedRun(_ inputs: Matrix, reverse: Bool, from initial: RecurrentState?, clamps: [GateClamp]) -> LayerRun {
        if clamps.isEmpty { return run(inputs, reverse: reverse, from: initial) }
        switch self {
        case .lstm(let w): return w.clampedRun(inputs, reverse: reverse, from: initial, clamps: clamps)
        case .gru(let w): return w.clampedRun(inputs, reverse: reverse, from: initial, clamps: clamps)
        case .rnn: return run(inputs, reverse: reverse, from: initial)
        }
    }
}
