import GateCore

/// Compares two traces of the same shape series by series, reading rows in chunks so that traces
/// of millions of steps compare in bounded memory.
public struct TraceComparison: Sendable {
    /// One entry per layer, direction and series both traces hold, in layer then display order.
    public var differences: [SeriesDifference]
    /// Series only one of the traces holds (`l0.cell_candidate (only in B)`).
    public var unmatched: [String]
    /// Steps compared.
    public var steps: Int

    /// The largest difference of all.
    public var maxAbs: Float {
        differences.contains { $0.maxAbs.isNaN } ? .nan : differences.map(\.maxAbs).max() ?? 0
    }

    /// Whether every compared value is within `tolerance` (and NaNs match).
    public func isIdentical(tolerance: Float) -> Bool {
        differences.allSatisfy { $0.maxAbs <= tolerance && $0.nanMismatches == 0 }
    }

    /// Compares `a` with `b`: every layer's series, then the input and the head's output (layer key "");
    /// throws when their steps or a series' widths differ.
    public init(_ a: any TraceSource, _ b: any TraceSource, chunkRows: Int = 4096) throws {
        guard a.steps == b.steps else {
            throw FormatError("the traces have \(a.steps) and \(b.steps) steps; diff compares traces of the same length")
        }
        steps = a.steps
        differences = []
        unmatched = []
        let bKeys = Set(b.recordedLayers.map(\.key))
        for info in a.recordedLayers {
            guard let other = b.layerInfo(info.layer, reverse: info.isReverse) else {
                unmatched.append("\(info.key) (only in A)")
                continue
            }
            for name in info.seriesNames {
                guard let width = info.seriesWidths[name], let otherWidth = other.seriesWidths[name] else {
                    unmatched.append("\(info.key).\(name) (only in A)")
                    continue
                }
                guard width == otherWidth else {
                    throw FormatError("\(info.key).\(name) is \(width) wide in A but \(otherWidth) in B; diff compares traces of the same model shape")
                }
                differences.append(try Self.compare(layerKey: info.key, series: name, width: width, steps: steps,
                                                    chunkRows: chunkRows) { rows in
                    (try a.series(name, layer: info.layer, reverse: info.isReverse, rows: rows).values,
                     try b.series(name, layer: info.layer, reverse: info.isReverse, rows: rows).values)
                })
            }
            for name in other.seriesNames where info.seriesWidths[name] == nil {
                unmatched.append("\(info.key).\(name) (only in B)")
            }
        }
        let aKeys = Set(a.recordedLayers.map(\.key))
        for key in bKeys.subtracting(aKeys).sorted() { unmatched.append("\(key) (only in B)") }
        // What the layers read and what the head made of them (a different head or input shows here).
        if a.inputWidth == b.inputWidth {
            differences.append(try Self.compare(layerKey: "", series: "input", width: a.inputWidth, steps: steps,
                                                chunkRows: chunkRows) { rows in
                (try a.input(rows: rows).values, try b.input(rows: rows).values)
            })
        } else {
            unmatched.append("input (\(a.inputWidth) wide in A, \(b.inputWidth) in B)")
        }
        switch (a.outputWidth, b.outputWidth) {
        case let (x?, y?) where x == y:
            differences.append(try Self.compare(layerKey: "", series: "output", width: x, steps: steps,
                                                chunkRows: chunkRows) { rows in
                (try a.output(rows: rows)?.values ?? [], try b.output(rows: rows)?.values ?? [])
            })
        case let (x?, y?): unmatched.append("output (\(x) wide in A, \(y) in B)")
        case (_?, nil): unmatched.append("output (only in A)")
        case (nil, _?): unmatched.append("output (only in B)")
        case (nil, nil): break
        }
    }

    /// One series compared chunk by chunk; `read` gives both sides' values of a range of rows.
    static func compare(layerKey: String, series name: String, width: Int, steps: Int, chunkRows: Int,
                        read: (Range<Int>) throws -> ([Float], [Float])) throws -> SeriesDifference {
        var result = SeriesDifference(layerKey: layerKey, series: name, maxAbs: 0, meanAbs: 0, step: 0, unit: 0,
                                      values: (0, 0), nanMismatches: 0)
        var sum = 0.0
        var count = 0
        var start = 0
        var first = true
        while start < steps, width > 0 {
            let rows = start..<min(steps, start + chunkRows)
            let (x, y) = try read(rows)
            guard x.count == y.count else {
                throw FormatError("\(result.name) has \(x.count) values in A but \(y.count) in B over steps \(rows.lowerBound)..<\(rows.upperBound)")
            }
            for index in 0..<x.count {
                let p = x[index], q = y[index]
                let delta: Float
                if p.isNaN || q.isNaN {
                    // NaN against a number: the difference is NaN, and it counts (it is never "within").
                    if p.isNaN != q.isNaN { result.nanMismatches += 1; delta = .nan } else { delta = 0 }
                } else if p == q {
                    delta = 0
                } else {
                    delta = abs(p - q)
                    sum += Double(delta)
                }
                count += 1
                // The first NaN difference outranks every number; among numbers, the first largest.
                if first || (delta.isNaN && !result.maxAbs.isNaN) || delta > result.maxAbs {
                    first = false
                    result.maxAbs = delta
                    result.step = start + index / width
                    result.unit = index % width
                    result.values = (p, q)
                }
            }
            start = rows.upperBound
        }
        result.meanAbs = count == 0 ? 0 : sum / Double(count)
        return result
    }
}
