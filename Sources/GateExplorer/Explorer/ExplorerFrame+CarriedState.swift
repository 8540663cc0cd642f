import GateCanvas
import GateCore

extension ExplorerFrame {
    /// The state `layer` starts row `t` (of the rows held) from when that is not the neighbouring
    /// row: a replayed recording's first row or a jump (`.recorded`, or `.notRecorded` for a recording
    /// that did not keep it); nil when the neighbouring row is the predecessor.
    func carriedState(layer: LayerTrace, t: Int) -> RecordedSteps.CarriedState? {
        let run = state.run
        let row = t + run.stepOffset
        if let origin = run.origin {
            return origin.carriedState(row: row, layerKey: layer.key, reverse: layer.isReverse)
        }
        // A window of a longer run: its edge row's predecessor is outside the rows held.
        let edge = layer.isReverse ? layer.steps - 1 : 0
        let outside = layer.isReverse ? run.stepOffset + layer.steps < run.shownTotalSteps : run.stepOffset > 0
        if t == edge, outside, run.origin == nil, !run.firstRowPredecessorUnknown {
            return run.windowEdges[layer.key].map { .recorded($0) } ?? .notRecorded
        }
        guard run.firstRowPredecessorUnknown else { return nil }
        let first = layer.isReverse ? run.shownTotalSteps - 1 : 0
        return row == first ? .notRecorded : nil
    }

    /// The belt of `unit` at row `t`, starting from the true previous state; nil when the cell has no
    /// belt or the previous state is not recorded.
    func belt(layer: LayerTrace, t: Int, unit: Int) -> BeltArithmetic? {
        switch carriedState(layer: layer, t: t) {
        case nil: return BeltArithmetic(layer: layer, step: t, unit: unit)
        case .notRecorded?: return nil
        case .recorded(let carried)?:
            let values = layer.kind == .lstm ? carried.cell : carried.hidden
            guard unit < values.count else { return nil }
            return BeltArithmetic(layer: layer, step: t, unit: unit, previous: values[unit])
        }
    }
}
