extension NetworkTrace {
    /// Steps `range` (clamped to the trace) of every series, the input, the tokens, the output and the
    /// annotation tracks, as a trace of their own (row 0 is step `range.lowerBound`).
    public func slice(_ range: Range<Int>) -> NetworkTrace {
        let range = range.clamped(to: 0..<steps)
        let layers = layers.map { layer in
            LayerTrace(layer: layer.layer, isReverse: layer.isReverse, kind: layer.kind,
                       series: layer.series.mapValues { $0.rows(range.clamped(to: 0..<$0.rows)) })
        }
        return NetworkTrace(input: input.rows(range), tokens: tokens.map { Array($0[range]) }, layers: layers,
                            output: output.map { $0.rows(range) }, annotations: annotations.map { $0.rows(range) })
    }

    /// Appends the rows of `other` (same layers and widths): every series, the input, the output, the
    /// tokens and the annotation tracks (a track `other` lacks gets blanks).
    public mutating func appendSteps(_ other: NetworkTrace) {
        if steps == 0 && layers.isEmpty {
            self = other
            return
        }
        annotations = annotations.map { track in
            let more = other.annotations.first { $0.name == track.name }
            switch track.values {
            case .numbers(let values):
                guard case .numbers(let added)? = more?.values else {
                    return AnnotationTrack(name: track.name, values: .numbers(values + Array(repeating: .nan, count: other.steps)))
                }
                return AnnotationTrack(name: track.name, values: .numbers(values + added))
            case .labels(let values):
                guard case .labels(let added)? = more?.values else {
                    return AnnotationTrack(name: track.name, values: .labels(values + Array(repeating: "", count: other.steps)))
                }
                return AnnotationTrack(name: track.name, values: .labels(values + added))
            }
        }
        input.appendRows(other.input)
        if let more = other.tokens { tokens = (tokens ?? []) + more }
        if let more = other.output {
            if output == nil { output = Matrix(rows: 0, columns: more.columns) }
            output!.appendRows(more)
        }
        for index in layers.indices {
            guard let match = other.layer(layers[index].layer, reverse: layers[index].isReverse) else { continue }
            for (name, matrix) in match.series {
                layers[index].series[name, default: Matrix(rows: 0, columns: matrix.columns)].appendRows(matrix)
            }
        }
    }
}
