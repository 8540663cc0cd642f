import GateCore

extension LessonCheck {
    /// The trace series a check letter names for `kind`, or nil when that cell has no such series.
    public static func seriesName(_ letter: String, kind: CellKind) -> String? {
        switch (letter, kind) {
        case ("f", .lstm): SeriesName.forgetGate
        case ("i", .lstm): SeriesName.inputGate
        case ("g", .lstm): SeriesName.cellCandidate
        case ("o", .lstm): SeriesName.outputGate
        case ("c", .lstm): SeriesName.cell
        case ("r", .gru): SeriesName.resetGate
        case ("z", .gru): SeriesName.updateGate
        case ("n", .gru): SeriesName.candidate
        case ("h", _): SeriesName.hidden
        default: nil
        }
    }

    /// The letters a check may use for `kind` ("y" and "grad" need a head and weights).
    public static func letters(for kind: CellKind) -> [String] {
        switch kind {
        case .lstm: ["f", "i", "g", "o", "c", "h", "y", "grad"]
        case .gru: ["r", "z", "n", "h", "y", "grad"]
        case .rnnTanh, .rnnRelu: ["h", "y", "grad"]
        }
    }

    /// The number the check compares, from `trace` (the run the stop shows, what-if edits included) of
    /// `network` at `layer` (0-based) and direction. `grad` is the gradient view's value for the output
    /// at `outputStep` (0-based): the unit's Π f (LSTM) or Π z (GRU) row between step T and the output,
    /// or for a plain RNN the plotted ‖∂y/∂h_T‖ relative to the output step's. For a ConvLSTM run,
    /// `spatial` gives the map shape and the stop's pixel; the unit is then the channel.
    public func measure(file: String, trace: NetworkTrace, network: RecurrentNetwork?, layer: Int, isReverse: Bool,
                        outputStep: Int, spatial: (shape: SpatialShape, pixel: LessonPixel)? = nil) throws(LessonSyntaxError) -> Float {
        func fail(_ message: String) -> LessonSyntaxError { LessonSyntaxError(file: file, line: line, message: "check: " + message) }
        guard let layerTrace = trace.layer(layer, reverse: isReverse) else { throw fail("the run has no layer \(layer + 1)\(isReverse ? " ←" : "")") }
        guard step <= trace.steps else { throw fail("t \(step) is past the end; the run has \(trace.steps) steps") }
        let row = step - 1
        switch series {
        case "y":
            guard spatial == nil else { throw fail("'y' on a ConvLSTM stop is the predicted frame; this run has none") }
            guard let output = trace.output else { throw fail("the model has no head, so there is no 'y'") }
            guard unit <= output.columns else { throw fail("output \(unit) does not exist; the head has \(output.columns)") }
            return output[row, unit - 1]
        case "grad":
            guard spatial == nil else { throw fail("'grad' is not checked on a ConvLSTM stop") }
            guard let network else { throw fail("'grad' needs the model's weights") }
            guard unit <= layerTrace.hiddenSize else { throw fail("unit \(unit) does not exist; the layer has \(layerTrace.hiddenSize) units") }
            let all: [GradientFlowSeries]
            do {
                all = try network.gradientFlowSeries(input: trace.input, tokens: trace.tokens, trace: trace, outputStep: outputStep)
            } catch {
                throw fail("the gradient cannot be computed: \(error.message)")
            }
            guard let flow = all.first(where: { $0.layer == layer && $0.isReverse == isReverse }) else { throw fail("no gradient for this layer") }
            if let path = flow.cellPath { return path[row, unit - 1] }
            let norms = flow.stateNorms
            guard outputStep < norms.count, norms[outputStep] > 0 else { return 0 }
            return norms[row] / norms[outputStep]
        default:
            guard let name = Self.seriesName(series, kind: layerTrace.kind), let matrix = layerTrace.series[name] else {
                throw fail("a \(layerTrace.kind.displayName) has no '\(series)'; use " + Self.letters(for: layerTrace.kind).joined(separator: " "))
            }
            if let spatial {
                let (shape, pixel) = spatial
                guard unit <= shape.channels else { throw fail("channel \(unit) does not exist; the map has \(shape.channels)") }
                let column = (unit - 1) * shape.height * shape.width + (pixel.row - 1) * shape.width + pixel.column - 1
                guard column < matrix.columns else { throw fail("pixel \(pixel.row),\(pixel.column) is outside the map") }
                return matrix[row, column]
            }
            guard unit <= matrix.columns else { throw fail("unit \(unit) does not exist; the layer has \(matrix.columns) units") }
            return matrix[row, unit - 1]
        }
    }
}
