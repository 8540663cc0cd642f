extension RecurrentNetwork {
    /// Rows a batch of `rows` live steps is computed as: a multiple of 4 and at least
    /// ``SequenceProjector/tiledRows``, so that every real row's input projection takes the four-row
    /// path of the kernel (zero rows pad the batch and are dropped).
    static func liveBatchRows(_ rows: Int) -> Int { max(SequenceProjector.tiledRows, (rows + 3) / 4 * 4) }

    /// Steps every layer (forward-reading: live input and typing) over `rows` from `states` (one per
    /// layer), giving the steps' trace and the states after the last row.
    ///
    /// The values do not depend on how the rows are split into calls: the batch is padded
    /// (``liveBatchRows(_:)``) so each row's input projection goes through the same kernel path
    /// whatever the batch, and the recurrence is row after row. So steps computed as they arrive, a
    /// few at a time, are bit-identical to the same steps recomputed later from a checkpoint in one
    /// go — and to ``run(_:tokens:)`` over the whole input whenever that takes the same kernel path
    /// (inputs of 16 rows or more with input weights of at most 262,144 values).
    public func stepRows(_ rows: Matrix, tokens: [Int]? = nil,
                         from states: [RecurrentState]) throws(ShapeError) -> (trace: NetworkTrace, states: [RecurrentState]) {
        guard !needsWholeSequence else {
            throw ShapeError("live input needs a forward-reading model; a bidirectional or reverse-reading one must see the whole sequence")
        }
        try checkInput(rows)
        guard states.count == layers.count else {
            throw ShapeError("\(states.count) states for \(layers.count) layers; this is a bug in the caller")
        }
        if let tokens, tokens.count != rows.rows {
            throw ShapeError("\(tokens.count) tokens for \(rows.rows) input steps; give one token per step")
        }
        let steps = rows.rows
        var trace = NetworkTrace(input: rows, tokens: tokens, layers: [])
        guard steps > 0 else {
            trace = try run(rows, tokens: tokens)
            return (trace, states)
        }
        let padded = Self.liveBatchRows(steps)
        var current = Matrix(rows: padded, columns: rows.columns,
                             values: rows.values + [Float](repeating: 0, count: (padded - steps) * rows.columns))
        var after = states
        for (index, directions) in layers.enumerated() {
            let run = directions[0].run(current, from: states[index])
            trace.layers.append(LayerTrace(layer: index, isReverse: false, kind: directions[0].kind,
                                           series: run.series.mapValues { $0.rows(0..<steps) }))
            after[index] = RecurrentState(hidden: run.series[SeriesName.hidden]!.row(steps - 1),
                                          cell: run.series[SeriesName.cell]?.row(steps - 1) ?? [])
            current = run.series[SeriesName.hidden]!
        }
        if let head { trace.output = head.apply(to: current).rows(0..<steps) }
        return (trace, after)
    }

    /// The state every layer (forward direction) starts a live run from: the network's initial state,
    /// or zeros.
    public var liveStartStates: [RecurrentState] {
        layers.indices.map { initialState(layer: $0, direction: 0) ?? RecurrentState.zero(for: layers[$0][0]) }
    }
}
