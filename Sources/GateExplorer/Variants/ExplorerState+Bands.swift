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
}
