/// A per-layer trace tensor name taken apart: `l1_reverse.forget_gate` → layer 1, reverse, `forget_gate`.
struct TraceTensorName: Hashable {
    /// Layer index.
    var layer: Int
    /// Reverse direction.
    var reverse: Bool
    /// Series name.
    var series: String

    /// Parses `l{k}.{series}` or `l{k}_reverse.{series}`; nil for other names.
    init?(_ name: String) {
        guard name.hasPrefix("l"), let dot = name.firstIndex(of: ".") else { return nil }
        var key = name[name.index(after: name.startIndex)..<dot]
        let series = name[name.index(after: dot)...]
        reverse = key.hasSuffix("_reverse")
        if reverse { key = key.dropLast("_reverse".count) }
        guard !key.isEmpty, key.count < 6, key.allSatisfy({ $0.isASCII && $0.isNumber }), let layer = Int(key),
              !series.isEmpty else { return nil }
        self.layer = layer
        self.series = String(series)
    }
}
