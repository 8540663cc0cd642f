import GateCore

/// The trace file: a safetensors file holding one recorded run (see docs/formats.md).
///
/// Tensors, all float32: `input` [T, X]; per layer k and direction `l{k}.{series}` and
/// `l{k}_reverse.{series}` [T, width] for every series the cell produced (gates, candidate, cell,
/// hidden, pre-activations, extras); `output` [T, O] when there is a head; `tokens` [T] for text
/// input (token ids as floats; [T, 1] in traces written by the streaming path). Row t is the value
/// after input position t, for both directions. Metadata: see ``TraceMetadata``.
public enum TraceFile {
    /// The `format` metadata value.
    public static let formatName = "gatescope-trace"
    /// The `format_version` written.
    public static let formatVersion = "1"
    /// The highest major version this reader understands.
    public static let supportedMajorVersion = 1
    /// Traces bigger than this many bytes are written row by row with ``StreamingSafeTensorsWriter``.
    public static let streamingThreshold = 64 << 20

    /// Writes `trace` of `network` to `path` atomically.
    public static func write(_ trace: NetworkTrace, network: RecurrentNetwork, to path: String,
                             model: String? = nil, input: String? = nil, extra: [String: String] = [:]) throws {
        let metadata = TraceMetadata(network: network, steps: trace.steps, model: model, input: input, extra: extra)
        try write(trace, metadata: metadata, to: path)
    }

    /// Writes `trace` with the given metadata to `path` atomically; traces larger than
    /// `streamingAbove` bytes are written row by row instead of being assembled in memory.
    public static func write(_ trace: NetworkTrace, metadata: TraceMetadata, to path: String,
                             streamingAbove: Int = streamingThreshold) throws {
        var matrices: [(String, Matrix)] = [("input", trace.input)]
        for layer in trace.layers {
            for (name, matrix) in layer.series.sorted(by: { $0.key < $1.key }) {
                guard matrix.rows == trace.steps else {
                    throw FormatError("cannot write the trace: \(layer.key).\(name) has \(matrix.rows) rows but the input has \(trace.steps)", source: path)
                }
                matrices.append(("\(layer.key).\(name)", matrix))
            }
        }
        if let output = trace.output { matrices.append(("output", output)) }
        for track in trace.annotations where track.steps != trace.steps {
            throw FormatError("cannot write the trace: annotation '\(track.name)' has \(track.steps) steps but the input has \(trace.steps)", source: path)
        }
        for (name, values) in TraceAnnotations.tensors(trace.annotations) {
            matrices.append((name, Matrix(rows: values.count, columns: 1, values: values)))
        }
        var encoded = metadata.encoded.filter { !TraceAnnotations.isAnnotationKey($0.key) }
        encoded.merge(TraceAnnotations.metadata(trace.annotations)) { _, new in new }
        if let tokens = trace.tokens, tokens.count != trace.steps {
            throw FormatError("cannot write the trace: \(tokens.count) tokens for \(trace.steps) steps", source: path)
        }
        let tokens = trace.tokens.map { $0.map(Float.init) }
        let bytes = matrices.reduce(0) { $0 + $1.1.values.count * 4 }
        if bytes <= streamingAbove {
            var writer = SafeTensorsWriter(metadata: encoded)
            for (name, matrix) in matrices {
                try writer.add(name: name, shape: [matrix.rows, matrix.columns], floats: matrix.values)
            }
            if let tokens { try writer.add(name: "tokens", shape: [tokens.count], floats: tokens) }
            try writer.writeAtomically(to: path)
            return
        }
        var layouts = matrices.map { StreamingSafeTensorsWriter.TensorLayout(name: $0.0, rows: $0.1.rows, columns: $0.1.columns) }
        if let tokens { layouts.append(.init(name: "tokens", rows: tokens.count, columns: 1)) }
        let writer = try StreamingSafeTensorsWriter(path: path, tensors: layouts, metadata: encoded)
        do {
            for (name, matrix) in matrices {
                for t in 0..<matrix.rows { try writer.append(row: matrix.row(t), to: name) }
            }
            if let tokens { for token in tokens { try writer.append(row: [token], to: "tokens") } }
            try writer.finish()
        } catch {
            writer.discard()
            throw error
        }
    }

    /// Reads a whole trace file into memory.
    public static func read(path: String) throws -> LoadedTrace {
        try TraceLayout.rejectModel(path: path)
        return try read(file: try SafeTensors(path: path), source: path)
    }

    /// Reads a trace from a parsed safetensors file.
    public static func read(file: SafeTensors, source: String) throws -> LoadedTrace {
        let layout = try TraceLayout(header: file.header, source: source)
        func matrix(_ name: String) throws -> Matrix {
            let tensor = try file.tensor(named: name)
            return Matrix(rows: tensor.shape[0], columns: tensor.shape.count > 1 ? tensor.shape[1] : 1,
                          values: try tensor.floats())
        }
        var layers: [LayerTrace] = []
        for info in layout.layers {
            var series: [String: Matrix] = [:]
            for name in info.seriesWidths.keys { series[name] = try matrix("\(info.key).\(name)") }
            layers.append(LayerTrace(layer: info.layer, isReverse: info.isReverse, kind: info.kind, series: series))
        }
        let tokens = layout.hasTokens ? try tokenIds(try file.tensor(named: "tokens").floats(), source: source) : nil
        let annotations = try TraceAnnotations.read(metadata: layout.metadata.extra, steps: layout.steps, source: source) { name in
            file.header.entry(named: name) == nil ? nil : try file.tensor(named: name).floats()
        }
        let trace = NetworkTrace(input: try matrix("input"), tokens: tokens, layers: layers,
                                 output: layout.outputWidth == nil ? nil : try matrix("output"), annotations: annotations)
        return LoadedTrace(trace: trace, metadata: layout.metadata, otherTensors: layout.otherTensors)
    }

    /// Token ids from stored floats; each must be a whole non-negative number.
    static func tokenIds(_ values: [Float], source: String) throws -> [Int] {
        try values.enumerated().map { index, value in
            guard value.isFinite, value >= 0, value == value.rounded(), value < 16_777_216 else {
                throw FormatError("tensor 'tokens' holds \(value) at step \(index + 1); token ids must be whole numbers ≥ 0", source: source)
            }
            return Int(value)
        }
    }
}
