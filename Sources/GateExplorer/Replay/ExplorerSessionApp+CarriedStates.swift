import GateCanvas
import GateCore

extension ExplorerSessionApp {
    /// The h (and c) of every layer in one direction at `row` of `rows`, keyed as ``RecordedSteps`` stores them.
    static func states(of rows: NetworkTrace, row: Int, reverse: Bool) -> [String: [Float]] {
        var result: [String: [Float]] = [:]
        for layer in rows.layers where layer.isReverse == reverse {
            for name in [SeriesName.hidden, SeriesName.cell] {
                if let matrix = layer.series[name], row >= 0, row < matrix.rows { result[layer.key + "." + name] = matrix.row(row) }
            }
        }
        return result
    }

    /// The state every layer in one direction starts the run from: the network's initial state (zeros
    /// unless it has one), or, for a replayed recording, the state it recorded; empty when unknown.
    func initialStates(reverse: Bool) -> [String: [Float]] {
        let run = explorer.state.run
        if run.origin != nil { return [:] }   // the replayed recording's own carried states apply (composed on save)
        var result: [String: [Float]] = [:]
        for layer in run.trace.layers where layer.isReverse == reverse {
            var state: RecurrentState?
            if let network = run.network, layer.layer < network.layers.count {
                let direction = reverse ? 1 : 0
                if direction < network.layers[layer.layer].count {
                    state = network.initialState(layer: layer.layer, direction: direction)
                        ?? RecurrentState.zero(for: network.layers[layer.layer][direction])
                }
            } else if run.network == nil {
                // A trace from `record` starts from zeros.
                state = RecurrentState(hidden: [Float](repeating: 0, count: layer.hidden.columns),
                                       cell: layer.kind == .lstm ? [Float](repeating: 0, count: layer.series[SeriesName.cell]?.columns ?? 0) : [])
            }
            guard let state else { continue }
            result[layer.key + "." + SeriesName.hidden] = state.hidden
            if !state.cell.isEmpty { result[layer.key + "." + SeriesName.cell] = state.cell }
        }
        return result
    }
}
