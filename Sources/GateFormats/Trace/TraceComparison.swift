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
    public var maxAbs: Float { differences.map(\.maxAbs).max() ?? 0 }

    /// Whether every compared value is within `tolerance` (and NaNs match).
    public func isIdentical(tolerance: Float) -> Bool {
        differences.allSatisfy { $0.maxAbs <= tolerance && $0.nanMismatches == 0 }
    }

    /// Compares `a` with `b`; throws when their steps or widths differ.
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
                var result = SeriesDifference(layerKey: info.key, series: name, maxAbs: 0, meanAbs: 0, step: 0, unit: 0,
                                              values: (0, 0), nanMismatches: 0)
                var sum = 0.0
                var count = 0
                var start = 0
                var first = true
                while start < steps {
                    let rows = start..<min(steps, start + chunkRows)
                    let x = try a.series(name, layer: info.layer, reverse: info.isReverse, rows: rows).values
                    let y = try b.series(name, layer: info.layer, reverse: info.isReverse, rows: rows).values
                    for index in 0..<x.count {
                        let p = x[index], q = y[index]
                        let delta: Float
                        if p.isNaN || q.isNaN {
                            if p.isNaN != q.isNaN { result.nanMismatches += 1; delta = .infinity } else { delta = 0 }
                        } else if p == q {
                            delta = 0
                        } else {
                            delta = abs(p - q)
                            sum += Double(delta)
                        }
                        count += 1
                        if first || delta > result.maxAbs {
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
                differences.append(result)
            }
            for name in other.seriesNames where info.seriesWidths[name] == nil {
                unmatched.append("\(info.key).\(name) (only in B)")
            }
        }
        let aKeys = Set(a.recordedLayers.map(\.key))
        for key in bKeys.subtracting(aKeys).sorted() { unmatched.append("\(key) (only in B)") }
    }
}
