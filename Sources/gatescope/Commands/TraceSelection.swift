import GateCanvas
import GateCore
import GateExplorer
import GateFormats

/// What `render` and `diff` show of a trace: one layer and direction, some series, steps and units.
struct TraceSelection {
    /// The trace.
    let source: any TraceSource
    /// The layer and direction.
    let info: TraceLayerInfo
    /// Series names, in display order.
    let series: [String]
    /// Selected steps.
    let steps: Range<Int>
    /// Selected units (columns), in order, of the widest series. A narrower series (an LSTM's
    /// projected `hidden` beside its gates) shows the ones it has: `units(of:)`.
    let units: [Int]
    /// "trace.safetensors · layer 1 · LSTM".
    let title: String

    /// Steps in the whole trace.
    var totalSteps: Int { source.steps }

    /// Works out the selection; errors say what the trace holds.
    init(source: any TraceSource, path: String, layer: Int, reverse: Bool, series: String?, steps: String?, units: String?) throws {
        guard let info = source.layerInfo(layer, reverse: reverse) else {
            let have = source.recordedLayers.map { "layer \($0.layer + 1)\($0.isReverse ? " --reverse" : "")" }.joined(separator: ", ")
            throw UserError("\(path) has no layer \(layer + 1)\(reverse ? " in reverse" : ""); it has \(have)")
        }
        self.source = source
        self.info = info
        if let series {
            let names = series.split(separator: ",").map { String($0).filter { $0 != " " } }
            for name in names where info.seriesWidths[name] == nil {
                throw UserError("\(path) has no series '\(name)' in \(info.key); it has \(info.seriesNames.joined(separator: ", "))")
            }
            self.series = names
        } else {
            self.series = info.kind.seriesNames.filter { info.seriesWidths[$0] != nil }
        }
        self.steps = try RenderSelection.steps(steps, count: source.steps)
        let widths = self.series.map { info.seriesWidths[$0] ?? 0 }
        self.units = try RenderSelection.units(units, count: widths.max() ?? 0)
        for (name, width) in zip(self.series, widths) where !self.units.contains(where: { $0 < width }) {
            throw UserError("--units '\(units ?? "")' selects no unit of \(name), which has \(width) (1-\(width))")
        }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        self.title = "\(name) · layer \(layer + 1)\(reverse ? " ←" : "") · \(info.kind.displayName)"
    }

    /// The selected units that `series` has.
    func units(of series: String) -> [Int] {
        let width = info.seriesWidths[series] ?? 0
        return units.filter { $0 < width }
    }

    /// Cells over the selected steps, every panel counted at its own width.
    var cellCount: Int { series.reduce(0) { $0 + units(of: $1).count } * steps.count }

    /// One panel per series over `rows`; with `vocabulary` (a text trace's), each carries the input
    /// characters of its steps for the time axis.
    func panels(rows: Range<Int>, colorBlindSafe: Bool, vocabulary: [String]? = nil) throws -> [HeatmapPanel] {
        let text: [String]? = vocabulary.flatMap { vocabulary in
            source.tokens.map { tokens in
                rows.map { t in
                    guard t < tokens.count, tokens[t] >= 0, tokens[t] < vocabulary.count else { return "?" }
                    return ExplorerRun.printable(vocabulary[tokens[t]])
                }
            }
        }
        return try series.map { name in
            let matrix = try source.series(name, layer: info.layer, reverse: info.isReverse, rows: rows)
            var panel = HeatmapPanel(title: name.replacingUnderscores, series: name,
                                     values: HeatmapPanel.columns(units(of: name), of: matrix), firstStep: rows.lowerBound,
                                     units: units(of: name), colorBlindSafe: colorBlindSafe)
            panel.inputText = text
            return panel
        }
    }
}

extension String {
    /// "forget_gate" → "forget gate".
    fileprivate var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}
