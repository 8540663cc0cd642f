import GateCanvas
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

    /// What the band shows (for the concatenated output: always h).
    public var content: BandContent

    /// A band for `trace`'s belt (c for LSTM, h for the others), or for one of its gates; a cell
    /// without that gate keeps its belt.
    public init(trace: LayerTrace, content: BandContent = .belt) {
        self.trace = trace
        reverse = nil
        let gate = content.series(for: trace.kind).flatMap { trace.series[$0] == nil ? nil : $0 }
        self.content = gate == nil ? .belt : content
        series = gate ?? (trace.kind == .lstm ? SeriesName.cell : SeriesName.hidden)
        units = trace.hiddenSize
    }

    /// Whether the band draws a gate (0…1, sequential scale) rather than a state.
    public var isGate: Bool { content != .belt }

    /// The band's one-letter symbol (c, h, f, z, i, r, o).
    public var symbol: String { isConcatenated ? "h" : content.symbol(for: trace.kind) }

    /// The concatenated-output band of a bidirectional layer.
    public init(forward: LayerTrace, reverse: LayerTrace) {
        trace = forward
        self.reverse = reverse
        series = SeriesName.hidden
        content = .belt
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

    /// Every band of a trace, each showing `content`: per layer, the forward direction, the reverse one and (when both exist)
    /// for the top layer, their concatenated output (what the head reads); bottom layer first.
    public static func bands(of trace: NetworkTrace, content: BandContent = .belt) -> [LayerBand] {
        var bands: [LayerBand] = []
        let layers = Array(Set(trace.layers.map(\.layer))).sorted()
        for layer in layers {
            let forward = trace.layer(layer, reverse: false)
            let reverse = trace.layer(layer, reverse: true)
            if let forward { bands.append(LayerBand(trace: forward, content: content)) }
            if let reverse { bands.append(LayerBand(trace: reverse, content: content)) }
            if let forward, let reverse, layer == layers.last {
                bands.append(LayerBand(forward: forward, reverse: reverse))
            }
        }
        return bands
    }
}
