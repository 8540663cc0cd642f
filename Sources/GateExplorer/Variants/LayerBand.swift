import GateCore

/// One band of the all-layers view: a layer trace's state series (c for LSTM, h for GRU and RNN), or
/// the concatenated output of a bidirectional layer ([h→ ; h←], what the layer above or the head reads).
public struct LayerBand: Sendable {
    /// The layer trace (for the concatenated output: the forward one).
    public var trace: LayerTrace
    /// The reverse trace, for the concatenated output band.
    public var reverse: LayerTrace?
    /// The series drawn.
    public var series: String
    /// Rows (units) of the band.
    public var units: Int

    /// A band for `trace`'s belt: c for LSTM, h for the others.
    public init(trace: LayerTrace) {
        self.trace = trace
        reverse = nil
        series = trace.kind == .lstm ? SeriesName.cell : SeriesName.hidden
        units = trace.hiddenSize
    }

    /// The concatenated-output band of a bidirectional layer.
    public init(forward: LayerTrace, reverse: LayerTrace) {
        trace = forward
        self.reverse = reverse
        series = SeriesName.hidden
        units = forward.hiddenSize + reverse.hiddenSize
    }

    /// Whether this is the concatenated output of both directions.
    public var isConcatenated: Bool { reverse != nil }

    /// The value of band row `unit` at `step`.
    public func value(step: Int, unit: Int) -> Float? {
        if let reverse {
            let forwardUnits = trace.hiddenSize
            return unit < forwardUnits ? trace.value(series, step: step, unit: unit)
                : reverse.value(series, step: step, unit: unit - forwardUnits)
        }
        return trace.value(series, step: step, unit: unit)
    }

    /// The largest |value| of the band over the run (the diverging scale's ends).
    public var largestMagnitude: Float {
        var largest: Float = 0
        for t in [trace, reverse].compactMap({ $0 }) {
            if let m = t.series[series] { for v in m.values where abs(v) > largest { largest = abs(v) } }
        }
        return max(largest, 1e-6)
    }

    /// Every band of a trace: per layer, the forward direction, the reverse one and (when both exist)
    /// for the top layer, their concatenated output (what the head reads); bottom layer first.
    public static func bands(of trace: NetworkTrace) -> [LayerBand] {
        var bands: [LayerBand] = []
        let layers = Array(Set(trace.layers.map(\.layer))).sorted()
        for layer in layers {
            let forward = trace.layer(layer, reverse: false)
            let reverse = trace.layer(layer, reverse: true)
            if let forward { bands.append(LayerBand(trace: forward)) }
            if let reverse { bands.append(LayerBand(trace: reverse)) }
            if let forward, let reverse, layer == layers.last {
                bands.append(LayerBand(forward: forward, reverse: reverse))
            }
        }
        return bands
    }
}
