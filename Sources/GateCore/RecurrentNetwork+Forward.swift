extension RecurrentNetwork {
    /// Turns token ids into input vectors: embedding rows, or one-hot vectors when there is no embedding.
    public func encode(tokens: [Int]) throws(ShapeError) -> Matrix {
        let width = embedding?.columns ?? inputSize
        let count = embedding?.rows ?? inputSize
        var result = Matrix(rows: tokens.count, columns: width)
        for (t, token) in tokens.enumerated() {
            guard token >= 0, token < count else {
                throw ShapeError("token id \(token) at position \(t + 1) is outside the vocabulary of \(count)")
            }
            if let embedding {
                for k in 0..<width { result[t, k] = embedding[token, k] }
            } else {
                result[t, token] = 1
            }
        }
        return result
    }

    /// Checks an input sequence: the right width and only finite numbers.
    public func checkInput(_ input: Matrix) throws(ShapeError) {
        guard input.columns == inputSize else {
            throw ShapeError("the input has \(input.columns) features per step but the model takes \(inputSize)")
        }
        if let index = input.values.firstIndex(where: { !$0.isFinite }) {
            let step = index / max(input.columns, 1), feature = index % max(input.columns, 1)
            throw ShapeError("the input holds \(input.values[index]) at step \(step + 1), feature \(feature + 1); gatescope needs finite numbers")
        }
    }

    /// Runs the whole network over `input` (T × X) and captures every gate and state of every layer
    /// and direction, and the head's output.
    public func run(_ input: Matrix, tokens: [Int]? = nil) throws(ShapeError) -> NetworkTrace {
        try checkInput(input)
        var trace = NetworkTrace(input: input, tokens: tokens, layers: [])
        var current = input
        for (index, directions) in layers.enumerated() {
            var outputs: [Matrix] = []
            for (direction, weights) in directions.enumerated() {
                let reverse = isReverse(direction: direction)
                let run = weights.run(current, reverse: reverse, from: initialState(layer: index, direction: direction))
                trace.layers.append(LayerTrace(layer: index, isReverse: reverse, kind: weights.kind,
                                               series: run.series))
                outputs.append(run.series[SeriesName.hidden]!)
            }
            current = outputs.count == 1 ? outputs[0] : Self.concatenateColumns(outputs)
        }
        if let head { trace.output = head.apply(to: current) }
        return trace
    }

    /// The top layer's output at every step, directions concatenated (what the head reads).
    public static func topOutput(of trace: NetworkTrace) -> Matrix {
        guard let top = trace.layers.map(\.layer).max() else { return Matrix(rows: 0, columns: 0) }
        let parts = trace.layers.filter { $0.layer == top }.map(\.hidden)
        return parts.count == 1 ? parts[0] : concatenateColumns(parts)
    }

    /// Side-by-side concatenation of matrices with the same number of rows.
    static func concatenateColumns(_ parts: [Matrix]) -> Matrix {
        let rows = parts[0].rows
        let width = parts.reduce(0) { $0 + $1.columns }
        var result = Matrix(rows: rows, columns: width)
        for t in 0..<rows {
            var offset = 0
            for part in parts {
                for k in 0..<part.columns { result.values[t * width + offset + k] = part.values[t * part.columns + k] }
                offset += part.columns
            }
        }
        return result
    }
}
