extension RecurrentNetwork {
    /// A trace of `input`'s steps from each layer and direction's series (`series(layer, direction)`,
    /// asked bottom layer first), the head applied to the top layer's hidden states side by side.
    func trace(input: Matrix, tokens: [Int]?, series: (Int, Int) -> [String: Matrix]) -> NetworkTrace {
        var trace = NetworkTrace(input: input, tokens: tokens, layers: [])
        var top: [Matrix] = []
        for layer in layers.indices {
            top = []
            for direction in layers[layer].indices {
                let series = series(layer, direction)
                trace.layers.append(LayerTrace(layer: layer, isReverse: isReverse(direction: direction),
                                               kind: layers[layer][direction].kind, series: series))
                top.append(series[SeriesName.hidden]!)
            }
        }
        if let head, !top.isEmpty {
            trace.output = head.apply(to: top.count == 1 ? top[0] : Self.concatenateColumns(top))
        }
        return trace
    }
}
