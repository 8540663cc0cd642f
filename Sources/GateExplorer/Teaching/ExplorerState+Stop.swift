import GateCanvas
extension ExplorerState {
    /// Shows what a lesson stop points at: its layer, direction, unit, step and panel; numbers
    /// exact or rounded as `exactNumbers` says.
    mutating func show(stop: TeachingStop, exactNumbers: Bool) {
        showsExactNumbers = exactNumbers
        if let position = run.layerIndices.firstIndex(of: stop.layer) { layerPosition = position }
        if stop.isReverse, run.trace.layer(stop.layer, reverse: true) != nil { isReverse = true }
        select(unit: stop.unit)
        seek(to: stop.step)
        if let index = panels.firstIndex(where: { $0.word == stop.panel }) { focus = .panel(index) }
    }
}
