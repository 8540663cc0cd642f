import GateCanvas
import GateCore
import GateExplorer
import GateFormats

/// A trace read window by window for the explorer: for a memory-mapped file (``MappedTrace``) each
/// request reads only the rows asked for.
struct MappedRowSource: ExplorerRowSource {
    /// The trace (mapped, or in memory).
    let trace: any TraceSource

    var steps: Int { trace.steps }

    var tokens: [Int]? { trace.tokens }

    var annotations: [AnnotationTrack] { trace.annotations }

    func rows(_ range: Range<Int>) throws -> NetworkTrace {
        var layers: [LayerTrace] = []
        for info in trace.recordedLayers {
            var series: [String: Matrix] = [:]
            for name in info.seriesNames {
                series[name] = try trace.series(name, layer: info.layer, reverse: info.isReverse, rows: range)
            }
            layers.append(LayerTrace(layer: info.layer, isReverse: info.isReverse, kind: info.kind, series: series))
        }
        return NetworkTrace(input: try trace.input(rows: range), tokens: trace.tokens.map { Array($0[range]) },
                            layers: layers, output: try trace.output(rows: range),
                            annotations: trace.annotations.map { $0.rows(range) })
    }
}
