import GateCore

/// Records a run straight to a trace file, a chunk of timesteps at a time, so that a long sequence
/// never has its whole trace in memory: each layer's ``LayerStreamer`` continues from the state the
/// last chunk ended in, into buffers allocated once, and each series' chunk goes to its final place in
/// the file with one ``StreamingSafeTensorsWriter/append(rows:toTensor:)``.
///
/// A network that reads backward (bidirectional, or ONNX `direction=reverse`) is recorded layer by
/// layer instead (``recordLayerByLayer(_:input:tokens:to:model:inputSource:annotations:chunkSteps:timing:)``),
/// each reverse-reading direction from the last chunk to the first; memory stays as flat.
/// Inputs of at most ``chunkSteps`` steps are run whole and written with
/// ``TraceFile/write(_:network:to:model:input:extra:)``.
public enum TraceRecorder {
    /// Timesteps per chunk: large enough for the batched input projection, small enough to stay in cache.
    public static let chunkSteps = 4096

    /// Runs `network` over `input` and writes the trace to `path` (atomically); returns the step count.
    /// `timing`, when given, accumulates the time spent computing and writing.
    @discardableResult
    public static func record(_ network: RecurrentNetwork, input: Matrix, tokens: [Int]? = nil, to path: String,
                              model: String? = nil, inputSource: String? = nil, annotations: [AnnotationTrack] = [],
                              chunkSteps: Int = chunkSteps, timing: RecordTiming? = nil) throws -> Int {
        try network.checkInput(input)
        for track in annotations where track.steps != input.rows {
            throw FormatError("annotation '\(track.name)' has \(track.steps) rows but the input has \(input.rows) steps; give one row per step", source: path)
        }
        guard input.rows > chunkSteps else {
            let clock = ContinuousClock.now
            var trace = try network.run(input, tokens: tokens)
            trace.annotations = annotations
            let computed = ContinuousClock.now
            try TraceFile.write(trace, network: network, to: path, model: model, input: inputSource)
            timing?.compute += computed - clock
            timing?.write += ContinuousClock.now - computed
            return trace.steps
        }
        if network.needsWholeSequence {
            return try recordLayerByLayer(network, input: input, tokens: tokens, to: path, model: model, inputSource: inputSource,
                                          annotations: annotations, chunkSteps: chunkSteps, timing: timing)
        }
        let steps = input.rows
        let metadata = TraceMetadata(network: network, steps: steps, model: model, input: inputSource,
                                     extra: TraceAnnotations.metadata(annotations))
        let annotationTensors = TraceAnnotations.tensors(annotations)
        let capacity = min(max(chunkSteps, 1), steps)
        let clock = ContinuousClock.now
        let streamers = network.layers.indices.map {
            LayerStreamer(weights: network.layers[$0][0], capacity: capacity, from: network.initialState(layer: $0, direction: 0))
        }
        let layouts = tensorLayouts(network, streamers: streamers.map { [$0] }, steps: steps, inputColumns: input.columns,
                                    hasTokens: tokens != nil, annotations: annotationTensors)
        let head = network.head.map { SequenceProjector(weights: $0.weights, bias: $0.bias, longestInput: capacity) }
        var output = [Float](repeating: 0, count: capacity * (network.head?.outputSize ?? 0))
        var tokenRows = [Float](repeating: 0, count: tokens == nil ? 0 : capacity)
        timing?.compute += ContinuousClock.now - clock

        let writer = try StreamingSafeTensorsWriter(path: path, tensors: layouts, metadata: metadata.encoded)
        try finishing(writer, timing: timing) {
            // Each tensor's writer position, looked up once (not per row).
            func position(_ name: String) throws -> Int { try tensorPosition(name, in: writer) }
            let inputTensor = try position("input")
            let seriesTensors = try streamers.enumerated().map { index, streamer in
                try streamer.seriesNames.map { try position("l\(index).\($0)") }
            }
            let outputTensor = network.head == nil ? nil : try position("output")
            let tokensTensor = tokens == nil ? nil : try position("tokens")
            let annotationPositions = try annotationTensors.map { try position($0.name) }
            try input.values.withUnsafeBufferPointer { values in
                var start = 0
                while start < steps {
                    let count = min(capacity, steps - start)
                    let computing = ContinuousClock.now
                    let rows = UnsafeBufferPointer(rebasing: values[start * input.columns ..< (start + count) * input.columns])
                    var current = rows.baseAddress ?? UnsafePointer(bitPattern: 1)!
                    for streamer in streamers {
                        streamer.run(current, steps: count)
                        current = streamer.hidden
                    }
                    if let head, let activation = network.head?.activation {
                        output.withUnsafeMutableBufferPointer {
                            head.project(current, rows: count, into: $0.baseAddress!)
                            activation.apply(to: $0, rows: count, columns: head.weights.rows)
                        }
                    }
                    if let tokens {
                        for t in 0..<count { tokenRows[t] = Float(tokens[start + t]) }
                    }
                    let writing = ContinuousClock.now
                    timing?.compute += writing - computing
                    // One write per series per chunk, straight from the kernels' buffers, at its final offset.
                    try writer.append(rows: rows, toTensor: inputTensor)
                    for (streamer, tensors) in zip(streamers, seriesTensors) {
                        for (k, tensor) in tensors.enumerated() { try writer.append(rows: streamer.series(k), toTensor: tensor) }
                    }
                    if let outputTensor, let width = network.head?.outputSize {
                        try output.withUnsafeBufferPointer { try writer.append(rows: UnsafeBufferPointer(rebasing: $0[0 ..< count * width]), toTensor: outputTensor) }
                    }
                    if let tokensTensor {
                        try tokenRows.withUnsafeBufferPointer { try writer.append(rows: UnsafeBufferPointer(rebasing: $0[0 ..< count]), toTensor: tokensTensor) }
                    }
                    for ((_, values), tensor) in zip(annotationTensors, annotationPositions) {
                        try values.withUnsafeBufferPointer {
                            try writer.append(rows: UnsafeBufferPointer(rebasing: $0[start ..< start + count]), toTensor: tensor)
                        }
                    }
                    timing?.write += ContinuousClock.now - writing
                    start += count
                }
            }
        }
        return steps
    }

    /// Every tensor of the trace of `network` over `steps` steps: the input, each layer and direction's
    /// series (`streamers[layer][direction]`), the head's output, the tokens and the annotation tracks.
    static func tensorLayouts(_ network: RecurrentNetwork, streamers: [[LayerStreamer]], steps: Int, inputColumns: Int,
                              hasTokens: Bool, annotations: [(name: String, values: [Float])]) -> [StreamingSafeTensorsWriter.TensorLayout] {
        var layouts = [StreamingSafeTensorsWriter.TensorLayout(name: "input", rows: steps, columns: inputColumns)]
        for (layer, directions) in streamers.enumerated() {
            for (direction, streamer) in directions.enumerated() {
                let key = LayerTrace.key(layer: layer, isReverse: network.isReverse(direction: direction))
                for (name, width) in zip(streamer.seriesNames, streamer.seriesWidths) {
                    layouts.append(.init(name: "\(key).\(name)", rows: steps, columns: width))
                }
            }
        }
        if let head = network.head { layouts.append(.init(name: "output", rows: steps, columns: head.outputSize)) }
        if hasTokens { layouts.append(.init(name: "tokens", rows: steps, columns: 1)) }
        for (name, _) in annotations { layouts.append(.init(name: name, rows: steps, columns: 1)) }
        return layouts
    }

    /// Runs `body` (which appends every row to `writer`), then finishes the file; on any error the
    /// file is discarded and the destination left as it was.
    static func finishing(_ writer: StreamingSafeTensorsWriter, timing: RecordTiming?, _ body: () throws -> Void) throws {
        do {
            try body()
            let finishing = ContinuousClock.now
            try writer.finish()
            timing?.write += ContinuousClock.now - finishing
        } catch {
            writer.discard()
            throw error
        }
    }

    /// The writer's position of tensor `name`, looked up once (not per row).
    static func tensorPosition(_ name: String, in writer: StreamingSafeTensorsWriter) throws -> Int {
        guard let index = writer.tensorIndex(named: name) else {
            throw FormatError("cannot record: the trace has no tensor '\(name)'; this is a bug", source: writer.path)
        }
        return index
    }
}
