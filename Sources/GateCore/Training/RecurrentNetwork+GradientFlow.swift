extension RecurrentNetwork {
    /// The gradient of one output, y[outputStep][unit], with respect to the hidden (and cell) state at
    /// every step, per layer and direction. `unit` defaults to the output's largest value at that step
    /// (the predicted class). Steps are 0-based.
    public func gradientFlow(input: Matrix, tokens: [Int]? = nil, outputStep: Int, unit: Int? = nil) throws(ShapeError) -> GradientFlow {
        try checkInput(input)
        guard outputStep >= 0, outputStep < input.rows else {
            throw ShapeError("output step \(outputStep + 1) is outside the sequence of \(input.rows) steps")
        }
        var chosen = 0
        var failure: ShapeError?
        let result = backpropagate(input: input, tokens: tokens ?? (embedding == nil ? nil : [])) { outputs in
            var gradient = Matrix(rows: outputs.rows, columns: outputs.columns)
            let row = outputs.row(outputStep)
            if let unit {
                guard unit >= 0, unit < outputs.columns else {
                    failure = ShapeError("output unit \(unit + 1) is outside the \(outputs.columns) outputs")
                    return (0, gradient)
                }
                chosen = unit
            } else {
                chosen = row.indices.max { row[$0] < row[$1] } ?? 0
            }
            gradient[outputStep, chosen] = 1
            return (Double(row.isEmpty ? 0 : row[chosen]), gradient)
        }
        if let failure { throw failure }
        return GradientFlow(outputStep: outputStep, outputUnit: chosen,
                            hiddenNorms: result.layers.map(\.hiddenNorms),
                            cellNorms: result.layers.map(\.cellNorms),
                            unitGradients: result.layers.map(\.stateGradient))
    }
}
