import GateCanvas
import GateCore

extension ExplorerState {
    /// Whether the run has more than one layer trace (stacked layers or two directions), so that the
    /// all-layers view (`A`) has something to show.
    public var hasBands: Bool { run.trace.layers.count > 1 }

    /// Shows every layer and direction as bands (`true`) or one layer in full; ignored for runs with a
    /// single layer trace.
    public mutating func setShowsAllLayers(_ on: Bool) {
        showsAllLayers = on && hasBands
    }

    /// Inspects `layer` (0-based, as in the trace) in the given direction, when the run has that
    /// layer trace (the all-layers view's click on a band).
    public mutating func inspect(layer: Int, reverse: Bool) {
        guard let position = run.layerIndices.firstIndex(of: layer),
              run.trace.layer(layer, reverse: reverse) != nil else { return }
        layerPosition = position
        isReverse = reverse
        clampSelection()
        if case .panel(let index) = focus, index >= panels.count { focus = .panel(0) }
    }
}
