import GateCore

extension NetworkTrace: TraceSource {
    /// The layers and directions recorded.
    public var recordedLayers: [TraceLayerInfo] {
        layers.map { layer in
            TraceLayerInfo(layer: layer.layer, isReverse: layer.isReverse, kind: layer.kind,
                           seriesWidths: layer.series.mapValues(\.columns))
        }
    }

    /// Features per step of the input.
    public var inputWidth: Int { input.columns }

    /// Width of the head's output.
    public var outputWidth: Int? { output?.columns }

    /// Rows of the input.
    public func input(rows: Range<Int>) throws -> Matrix {
        try TraceRows.check(rows, steps: steps, what: "input")
        return input.rows(rows)
    }

    /// Rows of the head's output.
    public func output(rows: Range<Int>) throws -> Matrix? {
        guard let output else { return nil }
        try TraceRows.check(rows, steps: steps, what: "output")
        return output.rows(rows)
    }

    /// Rows of one series.
    public func series(_ name: String, layer: Int, reverse: Bool, rows: Range<Int>) throws -> Matrix {
        guard let trace = self.layer(layer, reverse: reverse) else {
            throw FormatError("the trace has no layer \(layer)\(reverse ? " reverse" : ""); it has \(layers.map(\.key).joined(separator: ", "))")
        }
        guard let matrix = trace.series[name] else {
            throw FormatError("the trace has no series '\(name)' in \(trace.key); it has \(trace.series.keys.sorted().joined(separator: ", "))")
        }
        try TraceRows.check(rows, steps: matrix.rows, what: "\(trace.key).\(name)")
        return matrix.rows(rows)
    }
}
