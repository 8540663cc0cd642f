/// Everything one layer computed in one direction over a sequence: one T × width matrix per series.
public struct LayerTrace: Sendable, Equatable {
    /// Layer index, 0 at the bottom.
    public var layer: Int
    /// True for the reverse direction of a bidirectional layer; its row t is still input position t.
    public var isReverse: Bool
    /// The cell kind.
    public var kind: CellKind
    /// Series by name (see `SeriesName`), each `steps` × width.
    public var series: [String: Matrix]

    /// A trace from its parts.
    public init(layer: Int, isReverse: Bool, kind: CellKind, series: [String: Matrix]) {
        self.layer = layer
        self.isReverse = isReverse
        self.kind = kind
        self.series = series
    }

    /// The tensor-name prefix in trace files: `l0`, `l0_reverse`, `l1`, ….
    public var key: String { Self.key(layer: layer, isReverse: isReverse) }

    /// The tensor-name prefix of `layer` in one direction: `l0`, `l0_reverse`, ….
    public static func key(layer: Int, isReverse: Bool) -> String { isReverse ? "l\(layer)_reverse" : "l\(layer)" }

    /// A label for people: "layer 1", "layer 1 ←".
    public var label: String { isReverse ? "layer \(layer + 1) ←" : "layer \(layer + 1)" }

    /// Number of timesteps.
    public var steps: Int { series[SeriesName.hidden]?.rows ?? 0 }

    /// Hidden units H (the width of the gates).
    public var hiddenSize: Int {
        let gate = kind.seriesNames.first ?? SeriesName.hidden
        return series[gate]?.columns ?? 0
    }

    /// The hidden state, `steps` × output width.
    public var hidden: Matrix { series[SeriesName.hidden] ?? Matrix(rows: 0, columns: 0) }

    /// The value of `name` for `unit` after input position `step`, if present.
    public func value(_ name: String, step: Int, unit: Int) -> Float? {
        guard let matrix = series[name], step >= 0, step < matrix.rows, unit >= 0, unit < matrix.columns
        else { return nil }
        return matrix[step, unit]
    }
}
