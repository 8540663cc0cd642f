import GateCanvas
extension ExplorerState {
    /// A state on `run` (another window of the same run, or the run grown) at `step`, keeping how
    /// things are shown: layer, direction, selected unit, sort, focus, playback, speed, overlays,
    /// number format, palette, colour range, the `:` prompt and revealed steps.
    func carryingView(to run: ExplorerRun, step: Int) -> ExplorerState {
        var next = ExplorerState(run: run, palette: palette)
        next.layerPosition = min(layerPosition, max(0, run.layerIndices.count - 1))
        next.isReverse = isReverse && run.trace.layer(next.layerIndex, reverse: true) != nil
        next.selectedUnit = selectedUnit
        next.clampSelection()
        next.sortOrder = sortOrder
        next.tokenSort = tokenSort
        next.focus = focus
        next.isPlaying = isPlaying
        next.speedIndex = speedIndex
        next.showsHelp = showsHelp
        next.inspectorChoice = inspectorChoice
        next.showsExactNumbers = showsExactNumbers
        next.inspectorScroll = inspectorScroll
        next.revealsAllSteps = revealsAllSteps
        next.valueScaling = valueScaling
        next.goTo = goTo
        next.move(to: step)
        return next
    }
}
