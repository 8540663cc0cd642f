extension RecurrentNetwork {
    /// The gradient-flow view's numbers for every layer and direction, in trace order, for the output
    /// `unit` at `outputStep` (default: the largest output there). `trace` is this network's run of `input`.
    public func gradientFlowSeries(input: Matrix, tokens: [Int]? = nil, trace: NetworkTrace, outputStep: Int,
                                   unit: Int? = nil) throws(ShapeError) -> [GradientFlowSeries] {
        let flow = try gradientFlow(input: input, tokens: tokens, outputStep: outputStep, unit: unit)
        var result: [GradientFlowSeries] = []
        for (index, layer) in trace.layers.enumerated() where index < flow.hiddenNorms.count {
            var path: Matrix?
            switch layer.kind {
            case .lstm:
                if let f = layer.series[SeriesName.forgetGate] {
                    path = GradientFlowSeries.path(of: f, outputStep: outputStep, reverse: layer.isReverse)
                }
            case .gru:
                if let z = layer.series[SeriesName.updateGate] {
                    path = GradientFlowSeries.path(of: z, outputStep: outputStep, reverse: layer.isReverse)
                }
            case .rnnTanh, .rnnRelu:
                path = nil
            }
            result.append(GradientFlowSeries(
                outputStep: outputStep, outputUnit: flow.outputUnit, layer: layer.layer, isReverse: layer.isReverse,
                kind: layer.kind, cellPath: path, hiddenNorms: flow.hiddenNorms[index],
                cellNorms: flow.cellNorms[index], unitGradients: flow.unitGradients[index]))
        }
        return result
    }
}
