import GateCanvas
import GateCore

/// The numbers behind one unit at one step, and, when the weights are known, where each
/// pre-activation comes from (W·x + U·h₋₁ + b). The inspector prints these.
public struct UnitExplanation: Sendable {
    /// One gate or state: its symbol, pre-activation, value and (with weights) the parts.
    public struct Term: Sendable, Equatable {
        /// "f", "i", "g", "o", "r", "z", "n", "h".
        public var symbol: String
        /// The series name.
        public var series: String
        /// The argument of σ/tanh/relu, when recorded.
        public var preactivation: Float?
        /// The value after the nonlinearity.
        public var value: Float
        /// Where the pre-activation comes from, when the weights are known.
        public var parts: PreactivationParts?
    }

    /// The unit (0-based).
    public var unit: Int
    /// The step (0-based).
    public var step: Int
    /// The gates and candidate, in equation order.
    public var terms: [Term]
    /// The belt arithmetic (LSTM, GRU).
    public var belt: BeltArithmetic?
    /// The hidden state h.
    public var hidden: Float?
    /// The cell state c (LSTM).
    public var cell: Float?
    /// The hidden state before the step (GRU equations); nil when a recording did not keep it.
    public var previousHidden: Float?
    /// False when the state before the step is not known (a recording from before the carried states
    /// were stored, at its first row): the equations that need it say so instead of taking 0.
    public var previousKnown: Bool

    /// Explains `unit` at `step` of `layer`; `weights` and `layerInput` (the layer's input x at every
    /// step) enable the W·x + U·h₋₁ + b split. `carried` is the state the step starts from when its
    /// predecessor is not the neighbouring row (a replayed recording's first row or a jump); nil takes
    /// the neighbouring row (zeros before the first).
    public init(layer: LayerTrace, step: Int, unit: Int, weights: CellWeights?, layerInput: Matrix?,
                carried: RecordedSteps.CarriedState? = nil) {
        self.unit = unit
        self.step = step
        let previousStep = layer.isReverse ? step + 1 : step - 1
        hidden = layer.value(SeriesName.hidden, step: step, unit: unit)
        let cell = layer.value(SeriesName.cell, step: step, unit: unit)
        self.cell = cell

        let x: [Float]? = layerInput.flatMap { step < $0.rows ? $0.row(step) : nil }
        let hiddenWidth = layer.hidden.columns
        let previousHiddenRow: [Float]?
        let previousCellValue: Float?
        switch carried {
        case .recorded(let state)?:
            previousHiddenRow = state.hidden.count == hiddenWidth ? state.hidden : nil
            previousCellValue = unit < state.cell.count ? state.cell[unit] : (layer.kind == .lstm ? nil : 0)
        case .notRecorded?:
            previousHiddenRow = nil
            previousCellValue = nil
        case nil:
            previousHiddenRow = previousStep >= 0 && previousStep < layer.hidden.rows
                ? layer.hidden.row(previousStep) : [Float](repeating: 0, count: hiddenWidth)
            previousCellValue = layer.value(SeriesName.cell, step: previousStep, unit: unit) ?? 0
        }
        previousHidden = previousHiddenRow.flatMap { unit < $0.count ? $0[unit] : nil }
        previousKnown = previousHiddenRow != nil && (layer.kind != .lstm || previousCellValue != nil)
        let beltPrevious = layer.kind == .lstm ? previousCellValue : previousHidden
        belt = beltPrevious.flatMap { BeltArithmetic(layer: layer, step: step, unit: unit, previous: $0) }
        let previousCell = previousCellValue ?? 0

        func dot(_ m: Matrix, row: Int, _ v: [Float]) -> Float {
            guard row < m.rows, v.count == m.columns else { return 0 }
            var sum: Float = 0
            for k in 0..<m.columns { sum += m.values[row * m.columns + k] * v[k] }
            return sum
        }
        func term(_ symbol: String, _ series: String, gateRow: Int?) -> Term? {
            guard let value = layer.value(series, step: step, unit: unit) else { return nil }
            let pre = layer.value(SeriesName.preactivation(series), step: step, unit: unit)
            var parts: PreactivationParts?
            if let gateRow, let x, let previousHiddenRow {
                switch weights {
                case .lstm(let w)?:
                    let r = gateRow * w.hiddenSize + unit
                    var peep: Float?
                    if let p = w.peepholes, gateRow != 2 {
                        let peepRow = gateRow == 0 ? 0 : (gateRow == 1 ? 1 : 2)
                        let c = gateRow == 3 ? (cell ?? 0) : previousCell
                        peep = p[peepRow, unit] * c
                    }
                    parts = PreactivationParts(input: dot(w.inputWeights, row: r, x),
                                               recurrent: dot(w.recurrentWeights, row: r, previousHiddenRow),
                                               bias: w.inputBias[r] + w.recurrentBias[r], peephole: peep)
                case .gru(let w)?:
                    let r = gateRow * w.hiddenSize + unit
                    if gateRow < 2 {
                        parts = PreactivationParts(input: dot(w.inputWeights, row: r, x),
                                                   recurrent: dot(w.recurrentWeights, row: r, previousHiddenRow),
                                                   bias: w.inputBias[r] + w.recurrentBias[r])
                    } else {
                        let reset = layer.value(SeriesName.resetGate, step: step, unit: unit) ?? 0
                        let recurrentTerm = layer.value(SeriesName.candidateRecurrent, step: step, unit: unit) ?? 0
                        parts = PreactivationParts(input: dot(w.inputWeights, row: r, x),
                                                   recurrent: w.resetAfter ? reset * recurrentTerm : recurrentTerm,
                                                   bias: w.inputBias[r])
                    }
                case .rnn(let w)?:
                    parts = PreactivationParts(input: dot(w.inputWeights, row: unit, x),
                                               recurrent: dot(w.recurrentWeights, row: unit, previousHiddenRow),
                                               bias: w.inputBias[unit] + w.recurrentBias[unit])
                case nil:
                    parts = nil
                }
            }
            return Term(symbol: symbol, series: series, preactivation: pre, value: value, parts: parts)
        }
        switch layer.kind {
        case .lstm:
            terms = [term("f", SeriesName.forgetGate, gateRow: 1), term("i", SeriesName.inputGate, gateRow: 0),
                     term("g", SeriesName.cellCandidate, gateRow: 2), term("o", SeriesName.outputGate, gateRow: 3)]
                .compactMap { $0 }
        case .gru:
            terms = [term("r", SeriesName.resetGate, gateRow: 0), term("z", SeriesName.updateGate, gateRow: 1),
                     term("n", SeriesName.candidate, gateRow: 2)].compactMap { $0 }
        case .rnnTanh, .rnnRelu:
            let pre = layer.value(SeriesName.preactivation(SeriesName.hidden), step: step, unit: unit)
            var t = term("h", SeriesName.hidden, gateRow: 0)
            if var found = t, found.preactivation == nil {
                found.preactivation = pre ?? found.parts?.total
                t = found
            }
            terms = [t].compactMap { $0 }
        }
    }

    /// The value of the term with `symbol`.
    public func value(_ symbol: String) -> Float? { terms.first { $0.symbol == symbol }?.value }

    /// The input a layer reads at every step: the network input for layer 0, else the layer below's
    /// hidden states (directions side by side).
    public static func layerInput(trace: NetworkTrace, layer: Int) -> Matrix {
        guard layer > 0 else { return trace.input }
        let below = trace.layers.filter { $0.layer == layer - 1 }.sorted { !$0.isReverse && $1.isReverse }
        let parts = below.map(\.hidden)
        guard let first = parts.first else { return trace.input }
        if parts.count == 1 { return first }
        let width = parts.reduce(0) { $0 + $1.columns }
        var result = Matrix(rows: first.rows, columns: width)
        for t in 0..<first.rows {
            var offset = 0
            for part in parts {
                for k in 0..<part.columns { result[t, offset + k] = part[t, k] }
                offset += part.columns
            }
        }
        return result
    }
}
