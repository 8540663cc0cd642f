import GateCanvas
import GateCore
import GateFormats

/// The model given to `replay --model`, checked against the trace it is to explain.
enum ReplayModel {
    /// Steps re-run from the start to check the weights.
    static let checkedSteps = 4

    /// Loads the model: a plain RNN takes the trace's nonlinearity (the weights cannot say; a relu
    /// trace read with tanh was refused and `replay` has no `--nonlinearity`). It must have the
    /// trace's cell and size, and reproduce the first steps' layer-1 hidden state: from the start for a
    /// trace written by `record`, from the recorded state before its first row for the explorer's `r`
    /// (not checked for an older recording, which did not keep it, nor one holding what-if edits): a
    /// model of the same shape with other weights would put wrong equations beside the values.
    static func load(path: String, prefix: String?, trace: any TraceSource, metadata: TraceMetadata) throws -> RecurrentNetwork {
        let relu = metadata.cell == .rnnRelu
        var candidate = try ModelImporter.load(path: path, options: ModelImportOptions(prefix: prefix))
        if relu, candidate.kind == .rnnTanh {
            candidate = try ModelImporter.load(path: path, options: ModelImportOptions(prefix: prefix, nonlinearity: .relu))
        }
        guard candidate.hiddenSize == metadata.hiddenSize, candidate.kind == metadata.cell else {
            throw UserError("the model (\(candidate.summary)) did not make this trace (\(metadata.cell.displayName), \(metadata.hiddenSize) units)")
        }
        guard trace.steps > 0 else { return candidate }
        let rows: Range<Int>
        let computed: Matrix?
        var firstStep = 0
        if metadata.extra["recorded_by"] == nil {
            rows = 0..<min(trace.steps, checkedSteps)
            let input = try trace.input(rows: rows)
            guard input.columns == candidate.inputSize else { return candidate }
            computed = (try? candidate.run(input))?.layer(0)?.series[SeriesName.hidden]
        } else {
            // The explorer's recording (`r`): its first rows re-run from the state it recorded before
            // them (none in a recording from before those were kept, or one with what-if edits).
            guard metadata.extra["what_if_edits"] == nil, let origin = RecordedSteps(metadata: metadata.extra, rows: trace.steps),
                  let first = origin.segments.first, case .recorded(let state)? = origin.carriedState(row: 0, layerKey: "l0", reverse: false),
                  candidate.embedding == nil, let weights = candidate.layers.first?.first else { return candidate }
            rows = 0..<min(first.count, checkedSteps)
            firstStep = first.firstStep
            let input = try trace.input(rows: rows)
            guard input.columns == weights.inputSize else { return candidate }
            computed = weights.run(input, from: state).series[SeriesName.hidden]
        }
        guard let recorded = try? trace.series(SeriesName.hidden, layer: 0, reverse: false, rows: rows),
              let computed, computed.columns == recorded.columns else { return candidate }
        for t in rows {
            for unit in 0..<recorded.columns {
                let a = recorded[t, unit], b = computed[t, unit]
                guard a.isFinite, b.isFinite, abs(a - b) > 1e-4 + 1e-3 * abs(a) else { continue }
                let made = metadata.model.map { " (the trace says it was made by \($0))" } ?? ""
                throw UserError("the model \(path) did not make this trace\(made): at t=\(firstStep + t + 1) unit \(unit + 1) of layer 1 it computes h = \(b), the trace holds \(a); give the model the trace was recorded with")
            }
        }
        return candidate
    }
}
