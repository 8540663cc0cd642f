import GateCore

extension TraceRecorder {
    /// Records a network that reads backward (bidirectional layers, ONNX `direction=reverse`) without
    /// holding its run: layer after layer, each direction chunk after chunk in its reading order (a
    /// reverse-reading one from the last chunk to the first), into one ``LayerStreamer`` per direction,
    /// and each series' chunk is written at its final rows with
    /// ``StreamingSafeTensorsWriter/write(rows:toTensor:atRow:)``. A layer above reads the hidden
    /// states of the one below back from the file being written, so every direction is computed once
    /// and memory holds a chunk per direction, whatever the length.
    ///
    /// Chunks start at multiples of 16 (`chunkSteps` is rounded up to one; a last chunk shorter than
    /// 16 steps joins the one before, as in ``CheckpointedRun``), so every input projection takes the
    /// kernel path the whole run takes: the file is byte for byte the one
    /// ``TraceFile/write(_:metadata:to:streamingAbove:)`` writes from ``RecurrentNetwork/run(_:tokens:)``.
    static func recordLayerByLayer(_ network: RecurrentNetwork, input: Matrix, tokens: [Int]?, to path: String,
                                   model: String?, inputSource: String?, annotations: [AnnotationTrack],
                                   chunkSteps: Int, timing: RecordTiming?) throws -> Int {
        let steps = input.rows
        let chunkSize = max(16, (max(chunkSteps, 1) + 15) / 16 * 16)
        let boundaries = CheckpointedRun.boundaries(steps: steps, chunkSize: chunkSize)
        let chunks = zip(boundaries, boundaries.dropFirst()).map { $0..<$1 }
        let capacity = max(1, chunks.map(\.count).max() ?? 1)
        let clock = ContinuousClock.now
        let streamers = network.layers.indices.map { layer in
            network.layers[layer].indices.map { direction in
                LayerStreamer(weights: network.layers[layer][direction], capacity: capacity,
                              from: network.initialState(layer: layer, direction: direction))
            }
        }
        let annotationTensors = TraceAnnotations.tensors(annotations)
        let layouts = tensorLayouts(network, streamers: streamers, steps: steps, inputColumns: input.columns,
                                    hasTokens: tokens != nil, annotations: annotationTensors)
        let metadata = TraceMetadata(network: network, steps: steps, model: model, input: inputSource,
                                     extra: TraceAnnotations.metadata(annotations))
        let head = network.head.map { SequenceProjector(weights: $0.weights, bias: $0.bias, longestInput: capacity) }
        let widths = network.layers.map { $0.map(\.outputSize) }
        // What a layer above (or the head) reads over a chunk, and one direction's part of it.
        var below = [Float](repeating: 0, count: capacity * max(1, widths.map { $0.reduce(0, +) }.max() ?? 1))
        var part = [Float](repeating: 0, count: capacity * max(1, widths.flatMap { $0 }.max() ?? 1))
        var output = [Float](repeating: 0, count: capacity * (network.head?.outputSize ?? 0))
        var tokenRows = [Float](repeating: 0, count: tokens == nil ? 0 : capacity)
        timing?.compute += ContinuousClock.now - clock

        let writer = try StreamingSafeTensorsWriter(path: path, tensors: layouts, metadata: metadata.encoded)
        try finishing(writer, timing: timing) {
            let seriesTensors = try streamers.enumerated().map { layer, directions in
                try directions.enumerated().map { direction, streamer in
                    let key = LayerTrace.key(layer: layer, isReverse: network.isReverse(direction: direction))
                    return try streamer.seriesNames.map { try tensorPosition("\(key).\($0)", in: writer) }
                }
            }
            let hiddenTensors = try network.layers.indices.map { layer in
                try network.layers[layer].indices.map { direction in
                    try tensorPosition(LayerTrace.key(layer: layer, isReverse: network.isReverse(direction: direction))
                                       + "." + SeriesName.hidden, in: writer)
                }
            }
            /// Reads layer `layer`'s hidden states over `rows` back into `below`, directions side by side.
            func readHidden(layer: Int, rows: Range<Int>) throws {
                let layerWidths = widths[layer], width = layerWidths.reduce(0, +)
                if layerWidths.count == 1 {
                    try below.withUnsafeMutableBufferPointer {
                        try writer.read(rowsOf: hiddenTensors[layer][0], atRow: rows.lowerBound,
                                        into: UnsafeMutableBufferPointer(rebasing: $0[0 ..< rows.count * width]))
                    }
                    return
                }
                var offset = 0
                for (direction, w) in layerWidths.enumerated() {
                    try part.withUnsafeMutableBufferPointer {
                        try writer.read(rowsOf: hiddenTensors[layer][direction], atRow: rows.lowerBound,
                                        into: UnsafeMutableBufferPointer(rebasing: $0[0 ..< rows.count * w]))
                    }
                    part.withUnsafeBufferPointer { from in
                        below.withUnsafeMutableBufferPointer { to in
                            for t in 0..<rows.count {
                                (to.baseAddress! + t * width + offset).update(from: from.baseAddress! + t * w, count: w)
                            }
                        }
                    }
                    offset += w
                }
            }

            for layer in network.layers.indices {
                for (direction, streamer) in streamers[layer].enumerated() {
                    let reverse = network.isReverse(direction: direction)
                    for rows in reverse ? chunks.reversed() : chunks {
                        let computing = ContinuousClock.now
                        if layer == 0 {
                            input.values.withUnsafeBufferPointer { values in
                                let start = values.baseAddress.map { UnsafePointer($0 + rows.lowerBound * input.columns) }
                                streamer.run(start ?? UnsafePointer(bitPattern: 1)!, steps: rows.count, reverse: reverse)
                            }
                        } else {
                            try readHidden(layer: layer - 1, rows: rows)
                            below.withUnsafeBufferPointer { streamer.run($0.baseAddress!, steps: rows.count, reverse: reverse) }
                        }
                        let writing = ContinuousClock.now
                        timing?.compute += writing - computing
                        for (k, tensor) in seriesTensors[layer][direction].enumerated() {
                            try writer.write(rows: streamer.series(k), toTensor: tensor, atRow: rows.lowerBound)
                        }
                        timing?.write += ContinuousClock.now - writing
                    }
                }
            }

            // The input, the head's output, the tokens and the annotations, in order.
            let inputTensor = try tensorPosition("input", in: writer)
            let outputTensor = network.head == nil ? nil : try tensorPosition("output", in: writer)
            let tokensTensor = tokens == nil ? nil : try tensorPosition("tokens", in: writer)
            let annotationPositions = try annotationTensors.map { try tensorPosition($0.name, in: writer) }
            for rows in chunks {
                let computing = ContinuousClock.now
                if let head, let width = network.head?.outputSize, !network.layers.isEmpty {
                    try readHidden(layer: network.layers.count - 1, rows: rows)
                    below.withUnsafeBufferPointer { from in
                        output.withUnsafeMutableBufferPointer { head.project(from.baseAddress!, rows: rows.count, into: $0.baseAddress!) }
                    }
                    let writing = ContinuousClock.now
                    timing?.compute += writing - computing
                    if let outputTensor {
                        try output.withUnsafeBufferPointer {
                            try writer.append(rows: UnsafeBufferPointer(rebasing: $0[0 ..< rows.count * width]), toTensor: outputTensor)
                        }
                    }
                }
                let writing = ContinuousClock.now
                try input.values.withUnsafeBufferPointer {
                    try writer.append(rows: UnsafeBufferPointer(rebasing: $0[rows.lowerBound * input.columns ..< rows.upperBound * input.columns]),
                                      toTensor: inputTensor)
                }
                if let tokens, let tokensTensor {
                    for t in rows { tokenRows[t - rows.lowerBound] = Float(tokens[t]) }
                    try tokenRows.withUnsafeBufferPointer { try writer.append(rows: UnsafeBufferPointer(rebasing: $0[0 ..< rows.count]), toTensor: tokensTensor) }
                }
                for ((_, values), tensor) in zip(annotationTensors, annotationPositions) {
                    try values.withUnsafeBufferPointer { try writer.append(rows: UnsafeBufferPointer(rebasing: $0[rows]), toTensor: tensor) }
                }
                timing?.write += ContinuousClock.now - writing
            }
        }
        return steps
    }
}
