import GateCore

/// Records a run straight to a trace file, a chunk of timesteps at a time, so that a long sequence
/// never has its whole trace in memory: each chunk continues every layer from the state the last
/// chunk ended in, and its rows go to disk through ``StreamingSafeTensorsWriter``.
///
/// A bidirectional network needs the whole sequence before its reverse direction can start, so it is
/// computed in one go and written with ``TraceFile/write(_:network:to:model:input:extra:)``.
public enum TraceRecorder {
    /// Timesteps per chunk: large enough for the batched input projection, small enough to stay in cache.
    public static let chunkSteps = 4096

    /// Runs `network` over `input` and writes the trace to `path` (atomically); returns the step count.
    @discardableResult
    public static func record(_ network: RecurrentNetwork, input: Matrix, tokens: [Int]? = nil, to path: String,
                              model: String? = nil, inputSource: String? = nil, annotations: [AnnotationTrack] = [],
                              chunkSteps: Int = chunkSteps) throws -> Int {
        try network.checkInput(input)
        for track in annotations where track.steps != input.rows {
            throw FormatError("annotation '\(track.name)' has \(track.steps) rows but the input has \(input.rows) steps; give one row per step", source: path)
        }
        guard !network.isBidirectional, input.rows > chunkSteps else {
            var trace = try network.run(input, tokens: tokens)
            trace.annotations = annotations
            try TraceFile.write(trace, network: network, to: path, model: model, input: inputSource)
            return trace.steps
        }
        let steps = input.rows
        let metadata = TraceMetadata(network: network, steps: steps, model: model, input: inputSource,
                                     extra: TraceAnnotations.metadata(annotations))
        let annotationTensors = TraceAnnotations.tensors(annotations)
        var states = network.layers.map { RecurrentState.zero(for: $0[0]) }
        var writer: StreamingSafeTensorsWriter?
        do {
            var start = 0
            while start < steps {
                let end = min(start + chunkSteps, steps)
                let chunk = input.rows(start..<end)
                var rows: [(String, Matrix)] = [("input", chunk)]
                var current = chunk
                for (index, directions) in network.layers.enumerated() {
                    let run = directions[0].run(current, from: states[index])
                    states[index] = run.finalState
                    for (name, matrix) in run.series.sorted(by: { $0.key < $1.key }) {
                        rows.append(("l\(index).\(name)", matrix))
                    }
                    current = run.series[SeriesName.hidden]!
                }
                if let head = network.head { rows.append(("output", head.apply(to: current))) }
                if let tokens {
                    rows.append(("tokens", Matrix(rows: end - start, columns: 1,
                                                  values: tokens[start..<end].map(Float.init))))
                }
                for (name, values) in annotationTensors {
                    rows.append((name, Matrix(rows: end - start, columns: 1, values: Array(values[start..<end]))))
                }
                if writer == nil {
                    let layouts = rows.map {
                        StreamingSafeTensorsWriter.TensorLayout(name: $0.0, rows: steps, columns: $0.1.columns)
                    }
                    writer = try StreamingSafeTensorsWriter(path: path, tensors: layouts, metadata: metadata.encoded)
                }
                for (name, matrix) in rows {
                    for t in 0..<matrix.rows { try writer!.append(row: matrix.row(t), to: name) }
                }
                start = end
            }
            try writer?.finish()
        } catch {
            writer?.discard()
            throw error
        }
        return steps
    }
}
