import GateCanvas
import GateCore

extension GradientFlowPanel {
    /// The gradient flow of a window of a long run: the cell path (Π f or Π z) over the steps held,
    /// exact from the window's gates; no gradients (they need the whole run from its first step).
    static func windowSeries(of run: ExplorerRun, step: Int, layer: Int, reverse: Bool) -> GradientFlowSeries? {
        guard let trace = run.trace.layer(layer, reverse: reverse) ?? run.trace.layers.first else { return nil }
        let gate: Matrix? = switch trace.kind {
        case .lstm: trace.series[SeriesName.forgetGate]
        case .gru: trace.series[SeriesName.updateGate]
        case .rnnTanh, .rnnRelu: nil
        }
        let output = run.trace.output.map { $0.row(step) } ?? []
        let unit = output.indices.max { output[$0] < output[$1] } ?? 0
        return GradientFlowSeries(outputStep: step, outputUnit: unit, layer: trace.layer, isReverse: trace.isReverse,
                                  kind: trace.kind, cellPath: gate.map { GradientFlowSeries.path(of: $0, outputStep: step, reverse: trace.isReverse) },
                                  hiddenNorms: [], cellNorms: [], unitGradients: Matrix(rows: 0, columns: 0))
    }

    /// What a long run's gradient view cannot show, under its cell path rows (from row `y`).
    func drawWindowNote(into buffer: inout CellBuffer, rect: Rect, y: Int) {
        let run = session.explorer.run
        let first = run.stepNumber(0), last = run.stepNumber(max(0, run.steps - 1))
        let lines = [
            "long input (\(run.shownTotalSteps) steps, computed window by window): the path above covers steps \(first)–\(last), the window held.",
            "‖∂y/∂state‖ and its decay plot need a backward pass over the whole run from step 1, which is not done on a long input:",
            "give an input of at most \(StepWindowPlan.wholeRunLimit) steps to see them.",
        ]
        WrappedText(lines.map { StyledText(" " + $0, ExplorerTheme.notice) }, indent: 3)
            .draw(in: Rect(x: rect.x, y: y, width: rect.width, height: max(0, rect.maxY - y)), into: &buffer)
    }
}
