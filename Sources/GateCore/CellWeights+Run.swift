extension CellWeights {
    /// Runs this layer and direction over `inputs`, capturing every intermediate.
    public func run(_ inputs: Matrix, reverse: Bool = false, from initial: RecurrentState? = nil) -> LayerRun {
        switch self {
        case .lstm(let w): w.run(inputs, reverse: reverse, from: initial)
        case .gru(let w): w.run(inputs, reverse: reverse, from: initial)
        case .rnn(let w): w.run(inputs, reverse: reverse, from: initial)
        }
    }
}
