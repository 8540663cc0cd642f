import GateCanvas
import GateCore

/// What happened on the belt for one unit at one step: the old state, what was kept, what was
/// forgotten, what was written, and the new state.
///
/// LSTM: c = f·c₋₁ + i·g (keep factor f). GRU: h = z·h₋₁ + (1−z)·n (keep factor z). RNN: no belt.
public struct BeltArithmetic: Sendable, Equatable {
    /// The state before the step (c₋₁ or h₋₁; 0 at the sequence start).
    public var previous: Float
    /// The keep factor (f or z).
    public var keepFactor: Float
    /// keep·previous.
    public var kept: Float
    /// (1 − keep)·previous.
    public var forgotten: Float
    /// What was added (i·g, or (1−z)·n).
    public var written: Float
    /// The state after the step.
    public var next: Float

    /// The belt of `unit` at `step` in `layer`, or nil for a cell without one (RNN) or a missing series;
    /// `previous` is the state before the step when it is not the neighbouring row's (a recording's jump).
    public init?(layer: LayerTrace, step: Int, unit: Int, previous given: Float? = nil) {
        let previousStep = layer.isReverse ? step + 1 : step - 1
        switch layer.kind {
        case .lstm:
            guard let f = layer.value(SeriesName.forgetGate, step: step, unit: unit),
                  let i = layer.value(SeriesName.inputGate, step: step, unit: unit),
                  let g = layer.value(SeriesName.cellCandidate, step: step, unit: unit),
                  let c = layer.value(SeriesName.cell, step: step, unit: unit) else { return nil }
            previous = given ?? layer.value(SeriesName.cell, step: previousStep, unit: unit) ?? 0
            keepFactor = f
            written = i * g
            next = c
        case .gru:
            guard let z = layer.value(SeriesName.updateGate, step: step, unit: unit),
                  let n = layer.value(SeriesName.candidate, step: step, unit: unit),
                  let h = layer.value(SeriesName.hidden, step: step, unit: unit) else { return nil }
            previous = given ?? layer.value(SeriesName.hidden, step: previousStep, unit: unit) ?? 0
            keepFactor = z
            written = (1 - z) * n
            next = h
        case .rnnTanh, .rnnRelu:
            return nil
        }
        kept = keepFactor * previous
        forgotten = (1 - keepFactor) * previous
    }

    /// "1.42 ─×0.91→ 1.29 ─+(-0.15)→ 1.14".
    public func arrows(decimals: Int = 2) -> String {
        NumberFormat.fixed(previous, decimals) + " ─×" + NumberFormat.fixed(keepFactor, decimals) + "→ "
            + NumberFormat.fixed(kept, decimals) + " ─+" + NumberFormat.term(written, decimals) + "→ "
            + NumberFormat.fixed(next, decimals)
    }
}
