import GateCore

/// What a trace holds for one layer and direction: the series and their widths.
public struct TraceLayerInfo: Sendable, Equatable {
    /// Layer index, 0 at the bottom.
    public var layer: Int
    /// True for the reverse direction.
    public var isReverse: Bool
    /// The cell kind.
    public var kind: CellKind
    /// Width of each series by name (`input_gate` → H, `hidden` → H or P).
    public var seriesWidths: [String: Int]

    /// The tensor-name prefix: `l0`, `l0_reverse`, … (the same as the ``LayerTrace`` it describes).
    public var key: String { LayerTrace.key(layer: layer, isReverse: isReverse) }

    /// Series names, the cell's main series first (in display order), then the rest alphabetically.
    public var seriesNames: [String] {
        let main = kind.seriesNames.filter { seriesWidths[$0] != nil }
        return main + seriesWidths.keys.filter { !main.contains($0) }.sorted()
    }
}
