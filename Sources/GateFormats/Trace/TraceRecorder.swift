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
    /// `timing`, when given, accumulates the time spent computing and writing.
    @discardableResult
    public static func record(_ network: RecurrentNetwork, input: Matrix, tokens: [Int]? = nil, to path: String,
                              model: String? = nil, inputSource: String? = nil,
                              chunkSteps: Int = chunkSteps, timing: RecordTiming? = nil) throws -> Int {
        try network.checkInput(input)
        guard !network.isBidirectional, input.rows > chunkSteps else {
            let clock = ContinuousClock.now
            let trace = try network.run(input, tokens: tokens)
            let computed = ContinuousClock.now
            try TraceFile.write(trace, network: network, to: path, model: model, input: inputSource)
            timing?.compute += computed - clock
            timing?.write += ContinuousClock.now - computed
            return trace.steps
        }
        let steps = input.rows
        let metadata = TraceMetadata(network: network, steps: steps, model: model, input: inputSource)
        var states = network.layers.map { RecurrentState.zero(for: $0[0]) }
        var writer: StreamingSafeTensorsWriter?
        // Each series' writer position, looked up once on the first chunk (in the order written).
        var targets: [Int] = []
        do {
            var start = 0
            while start < steps {
                let end = min(start + chunkSteps, steps)
                let clock = ContinuousClock.now
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
                let computed = ContinuousClock.now
                timing?.compute += computed - clock
                if writer == nil {
                    let layouts = rows.map {
                        StreamingSafeTensorsWriter.TensorLayout(name: $0.0, rows: steps, columns: $0.1.columns)
                    }
                    let opened = try StreamingSafeTensorsWriter(path: path, tensors: layouts, metadata: metadata.encoded)
                    targets = try rows.map { name, _ in
                        guard let index = opened.tensorIndex(named: name) else {
                            throw FormatError("cannot record: the trace has no tensor '\(name)'; this is a bug", source: path)
                        }
                        return index
                    }
                    writer = opened
                }
                // One write per series per chunk, straight from the kernels' output, at its final offset.
                for (position, (_, matrix)) in rows.enumerated() {
                    try matrix.values.withUnsafeBufferPointer { try writer!.append(rows: $0, toTensor: targets[position]) }
                }
                timing?.write += ContinuousClock.now - computed
                start = end
            }
            let finishing = ContinuousClock.now
            try writer?.finish()
            timing?.write += ContinuousClock.now - finishing
        } catch {
            writer?.discard()
            throw error
        }
        return steps
    }
}
