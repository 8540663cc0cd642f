/// The checks every fast run makes before its pointers reach the C kernels: the kernels trust
/// sizes completely, so a wrong shape must stop here with a message, never overflow a buffer.
enum RunPreconditions {
    /// Stops with a message unless the weights are consistent, `inputs` has their input width and
    /// `state` (when given) has the hidden and cell sizes of the layer.
    static func check(_ weights: CellWeights, inputs: Matrix, state: RecurrentState?,
                      file: StaticString = #fileID, line: UInt = #line) {
        do {
            try weights.validate()
        } catch {
            preconditionFailure("\(weights.kind.displayName) run: \(error.message)", file: file, line: line)
        }
        precondition(inputs.values.count == inputs.rows * inputs.columns, "run: the input matrix is inconsistent", file: file, line: line)
        precondition(inputs.columns == weights.inputSize,
                     "run: the input has \(inputs.columns) features but the layer takes \(weights.inputSize)", file: file, line: line)
        guard let state else { return }
        let zero = RecurrentState.zero(for: weights)
        precondition(state.hidden.count == zero.hidden.count,
                     "run: the initial hidden state has \(state.hidden.count) values; the layer needs \(zero.hidden.count)", file: file, line: line)
        precondition(state.cell.count == zero.cell.count,
                     "run: the initial cell state has \(state.cell.count) values; the layer needs \(zero.cell.count)", file: file, line: line)
    }
}
