import GateCanvas
import GateCore

/// One frame of the ConvLSTM explorer: every gate of one channel as an H × W map at the current step,
/// the belt made visible as maps (c₋₁ ×f → kept, + i·g → c), the input frame, the predicted and the
/// true next frame, the channel's cell over time (a film strip), and the selected pixel's arithmetic.
/// With `m`, a grid of every channel of one series instead.
public struct SpatialExplorerFrame {
    /// The state drawn.
    public let state: SpatialExplorerState
    /// Terminal size.
    public let width: Int
    /// Terminal size.
    public let height: Int
    /// Every map on screen.
    public private(set) var tiles: [SpatialTile] = []
    /// Row of the selected pixel's arithmetic (two rows).
    public private(set) var numbersY = 0
    /// Whether the film strip had no room.
    public private(set) var filmDropped = false
    /// Whether some lines of maps had no room (a short terminal; the emphasised map's line is kept).
    public private(set) var linesDropped = false
    /// Channels of the grid that had no room.
    public private(set) var gridDropped = 0
    /// The label row of the all-channels strip under the film strip, when there was room for it.
    public private(set) var spareGridY: Int?

    private let layerTrace: LayerTrace?
    private let shape: SpatialShape

    /// Lays out `state` on a `width` × `height` terminal.
    public init(state: SpatialExplorerState, width: Int, height: Int) {
        self.state = state
        self.width = width
        self.height = height
        layerTrace = state.run.layer(state.layer)
        shape = state.shape
        layOut()
    }

    // MARK: Layout

    private func tileWidth(scale: Int) -> Int { max(shape.width * scale, 13) + 3 }
    private func tileHeight(scale: Int, value: Bool) -> Int { 1 + (shape.height * scale + 1) / 2 + (value ? 1 : 0) }

    private mutating func layOut() {
        guard shape.count > 0 else { return }
        let top = 2
        let bottomFixed = 4 // numbers (3 rows) and hints
        let available = height - top - bottomFixed
        let filmHeight = 1 + (shape.height + 1) / 2
        if state.showsGrid {
            layOutGrid(top: top, available: available, filmHeight: filmHeight)
            return
        }
        let kept = SpatialSeries.all
        let groups: [[(SpatialTile.Content, String)]] = [
            [(.frame, "frame x_t"), (.series(0), kept[0].title), (.series(1), kept[1].title),
             (.series(2), kept[2].title), (.series(3), kept[3].title)],
            [(.previousCell, "c₋₁ (t−1)"), (.kept, "kept f·c₋₁"), (.written, "written i·g"), (.series(4), "cell c = sum")],
            [(.series(5), kept[5].title)]
                + (state.run.prediction(step: 0) == nil ? [] : [(.prediction, "predicts σ(y)")])
                + (state.run.outputShape == state.run.inputShape ? [(.nextFrame, "true next")] : []),
        ]
        for scale in [4, 3, 2, 1] {
            let tw = tileWidth(scale: scale)
            // Pack groups onto lines, keeping each group whole.
            var lines: [[Int]] = []
            var used = 0
            for (index, group) in groups.enumerated() where !group.isEmpty {
                let need = group.count * tw + (lines.last == nil ? 0 : 3)
                if let _ = lines.last, used + need <= width {
                    lines[lines.count - 1].append(index)
                    used += need
                } else {
                    lines.append([index])
                    used = group.count * tw
                }
            }
            guard groups.allSatisfy({ $0.count * tw <= width }) else { continue }
            let th = tileHeight(scale: scale, value: true)
            if lines.count * th > available {
                // Too short even at scale 1: the lines that fit, the emphasised map's line among them.
                guard scale == 1, available >= th else { continue }
                let fit = available / th
                if let emphasis = state.emphasis,
                   let wanted = lines.firstIndex(where: { $0.contains { groups[$0].contains { $0.0 == emphasis } } }),
                   wanted >= fit {
                    lines = Array(lines.prefix(fit - 1)) + [lines[wanted]]
                } else {
                    lines = Array(lines.prefix(fit))
                }
                linesDropped = true
            }
            let mapsHeight = lines.count * th
            let withFilm = mapsHeight + filmHeight + 1 <= available
            guard withFilm || scale == 1 else { continue }
            var y = top
            for line in lines {
                var x = 0
                for (n, groupIndex) in line.enumerated() {
                    if n > 0 { x += 3 }
                    for (content, title) in groups[groupIndex] {
                        tiles.append(SpatialTile(content: content, title: title, mapX: x + 1, mapY: y + 1,
                                                 scale: scale, showsValue: true))
                        x += tw
                    }
                }
                y += th
            }
            if withFilm {
                layOutFilm(y: y + 1)
                layOutSpareGrid(top: y + 1 + filmHeight + 1, bottom: height - bottomFixed)
            } else {
                filmDropped = true
            }
            numbersY = height - 4
            return
        }
        // Too small even at scale 1: gates only.
        filmDropped = true
        numbersY = height - 4
    }

    private mutating func layOutGrid(top: Int, available: Int, filmHeight: Int) {
        for scale in [4, 3, 2, 1] {
            let tw = max(shape.width * scale, 6) + 2
            let th = tileHeight(scale: scale, value: true)
            let perLine = max(1, width / tw)
            let lines = (shape.channels + perLine - 1) / perLine
            let fits = lines * th <= available - filmHeight - 1
            guard fits || scale == 1 else { continue }
            let linesShown = min(lines, max(0, (fits ? available - filmHeight - 1 : available) / th))
            for channel in 0..<min(shape.channels, linesShown * perLine) {
                tiles.append(SpatialTile(content: .channel(channel), title: "ch \(channel + 1)",
                                         mapX: (channel % perLine) * tw + 1, mapY: top + (channel / perLine) * th + 1,
                                         scale: scale, showsValue: true))
            }
            gridDropped = shape.channels - min(shape.channels, linesShown * perLine)
            if fits { layOutFilm(y: top + lines * th + 1) } else { filmDropped = true }
            numbersY = height - 4
            return
        }
    }

    /// Every channel of the grid series (the cell state by default) at scale 1, when rows are left over.
    private mutating func layOutSpareGrid(top: Int, bottom: Int) {
        let tw = max(shape.width, 6) + 3
        let th = tileHeight(scale: 1, value: true)
        let perLine = max(1, (width - 13) / tw)
        let lines = (shape.channels + perLine - 1) / perLine
        guard top + lines * th <= bottom else { return }
        let kind = SpatialSeries.all[state.gridSeries]
        for channel in 0..<shape.channels {
            tiles.append(SpatialTile(content: .channel(channel), title: "\(kind.title.split(separator: " ").last ?? "") ch \(channel + 1)",
                                     mapX: 13 + (channel % perLine) * tw, mapY: top + (channel / perLine) * th + 1,
                                     scale: 1, showsValue: true))
        }
        spareGridY = top + 1
    }

    private mutating func layOutFilm(y: Int) {
        let tw = shape.width + 2
        let count = max(1, (width - 13) / tw)
        let steps = state.run.steps
        let first = max(0, min(state.step - count / 2, steps - count))
        for step in first..<min(steps, first + count) {
            tiles.append(SpatialTile(content: .film(step), title: "\(step + 1)", mapX: 13 + (step - first) * tw,
                                     mapY: y + 1, scale: 1, showsValue: false))
        }
    }

    // MARK: Values

    private func seriesRow(_ series: String, step: Int) -> [Float]? {
        guard let matrix = layerTrace?.series[series], step >= 0, step < matrix.rows, matrix.columns == shape.count else { return nil }
        let base = step * matrix.columns + state.channel * shape.pixels
        return Array(matrix.values[base..<(base + shape.pixels)])
    }

    private func largest(_ series: String) -> Float {
        guard let matrix = layerTrace?.series[series] else { return 1 }
        return max(1e-6, matrix.values.reduce(Float(0)) { max($0, abs($1)) })
    }

    /// The map a tile shows (one channel, H·W values), whether it is signed, and its range.
    public func values(for content: SpatialTile.Content) -> (values: [Float], signed: Bool, range: Float)? {
        let t = state.step
        let pixels = shape.pixels
        switch content {
        case .frame:
            guard t < state.run.trace.input.rows else { return nil }
            let row = state.run.trace.input.row(t)
            let map = Array(row.prefix(state.run.inputShape.pixels))
            let signed = map.contains { $0 < 0 }
            return (map, signed, signed ? max(1e-6, map.map(abs).max() ?? 1) : 1)
        case .series(let index):
            let kind = SpatialSeries.all[index]
            guard let row = seriesRow(kind.series, step: t) else { return nil }
            let range: Float = kind.series == SeriesName.cellCandidate ? 1 : (kind.isSigned ? largest(kind.series) : 1)
            return (row, kind.isSigned, range)
        case .previousCell:
            let row = seriesRow(SeriesName.cell, step: t - 1) ?? [Float](repeating: 0, count: pixels)
            return (row, true, largest(SeriesName.cell))
        case .kept:
            guard let f = seriesRow(SeriesName.forgetGate, step: t) else { return nil }
            let c = seriesRow(SeriesName.cell, step: t - 1) ?? [Float](repeating: 0, count: pixels)
            return (zip(f, c).map { $0 * $1 }, true, largest(SeriesName.cell))
        case .written:
            guard let i = seriesRow(SeriesName.inputGate, step: t), let g = seriesRow(SeriesName.cellCandidate, step: t) else { return nil }
            return (zip(i, g).map { $0 * $1 }, true, largest(SeriesName.cell))
        case .prediction:
            guard let p = state.run.prediction(step: t) else { return nil }
            return (Array(p.prefix(state.run.outputShape?.pixels ?? 0)), !state.run.outputIsLogit,
                    state.run.outputIsLogit ? 1 : max(1e-6, p.map(abs).max() ?? 1))
        case .nextFrame:
            guard let next = state.run.nextFrame(step: t) else { return nil }
            return (Array(next.prefix(state.run.inputShape.pixels)), false, 1)
        case .channel(let channel):
            let kind = SpatialSeries.all[state.gridSeries]
            guard let matrix = layerTrace?.series[kind.series], t < matrix.rows, matrix.columns == shape.count else { return nil }
            let base = t * matrix.columns + channel * pixels
            let range: Float = kind.series == SeriesName.cellCandidate ? 1 : (kind.isSigned ? largest(kind.series) : 1)
            return (Array(matrix.values[base..<(base + pixels)]), kind.isSigned, range)
        case .film(let step):
            guard let row = seriesRow(SeriesName.cell, step: step) else { return nil }
            return (row, true, largest(SeriesName.cell))
        }
    }

    // MARK: Drawing

    /// Draws the whole screen.
    public func render(into buffer: inout CellBuffer) {
        drawStatus(into: &buffer)
        drawTimeRow(into: &buffer)
        for tile in tiles { draw(tile, into: &buffer) }
        if let film = tiles.first(where: { if case .film = $0.content { true } else { false } }) {
            let label = StyledText(" c over time", ExplorerTheme.title)
            label.draw(into: &buffer, x: 0, y: film.mapY, maxX: 12)
            StyledText(" ch \(state.channel + 1)", ExplorerTheme.dim).draw(into: &buffer, x: 0, y: film.mapY + 1, maxX: 12)
        }
        if let y = spareGridY {
            StyledText(" all", ExplorerTheme.title).draw(into: &buffer, x: 0, y: y, maxX: 12)
            StyledText(" channels", ExplorerTheme.title).draw(into: &buffer, x: 0, y: y + 1, maxX: 12)
            StyledText(" Tab: series", ExplorerTheme.dim).draw(into: &buffer, x: 0, y: y + 2, maxX: 12)
        }
        drawOperators(into: &buffer)
        drawNumbers(into: &buffer)
        drawHints(into: &buffer)
        if state.showsHelp { drawHelp(into: &buffer) }
    }

    private func draw(_ tile: SpatialTile, into buffer: inout CellBuffer) {
        var titleStyle = ExplorerTheme.title
        if case .channel(let c) = tile.content, c == state.channel { titleStyle = ExplorerTheme.cursor }
        if case .film(let s) = tile.content { titleStyle = s == state.step ? ExplorerTheme.cursor : ExplorerTheme.dim }
        StyledText(tile.title, titleStyle).draw(into: &buffer, x: tile.mapX, y: tile.mapY - 1,
                                                 maxX: min(width, tile.mapX + max(shape.width * tile.scale, 13) + 1))
        guard let (values, signed, range) = values(for: tile.content) else {
            buffer.put("—", x: tile.mapX, y: tile.mapY, style: ExplorerTheme.dim)
            return
        }
        let scale = signed ? state.palette.diverging : state.palette.sequential
        let h = shape.height, w = shape.width, s = tile.scale
        let factor = signed ? 1 / range : 1
        // Pixel rows (each `s` text half-rows tall) are the heatmap's units, pixel columns its steps.
        let rows = (h * s + 1) / 2
        Heatmap(source: .function { px, py in values[(py / s) * w + px / s] * factor },
                rows: HeatmapRow.rows(Array(0..<(h * s)), perRow: 2), steps: 0..<(w * s), firstStep: 0,
                table: ScaleTable(scale: scale, mode: buffer.colorMode))
            .draw(in: Rect(x: tile.mapX, y: tile.mapY, width: w * s, height: rows), into: &buffer)
        // The selected pixel is underlined and bold (not in the film of c over time).
        if case .film = tile.content {} else {
            for row in 0..<rows where (2 * row) / s == state.pixelY || (2 * row + 1 < h * s && (2 * row + 1) / s == state.pixelY) {
                for column in (state.pixelX * s)..<((state.pixelX + 1) * s) {
                    var cell = buffer[tile.mapX + column, tile.mapY + row]
                    cell.style.underline = true
                    cell.style.bold = true
                    buffer[tile.mapX + column, tile.mapY + row] = cell
                }
            }
        }
        if tile.showsValue {
            let index = state.pixelY * w + state.pixelX
            if index < values.count {
                let text = "◆ " + NumberFormat.fixed(values[index], state.decimals)
                buffer.put(text, x: tile.mapX, y: tile.mapY + rows, style: ExplorerTheme.dim)
            }
        }
    }

    /// The operators between the belt maps: c₋₁ ×f → kept, + i·g, = c.
    private func drawOperators(into buffer: inout CellBuffer) {
        func tile(_ content: SpatialTile.Content) -> SpatialTile? { tiles.first { $0.content == content } }
        let pairs: [(SpatialTile.Content, String)] = [(.kept, "×f"), (.written, "+"), (.series(4), "=")]
        for (content, op) in pairs {
            guard let t = tile(content) else { continue }
            let y = t.mapY + (shape.height * t.scale + 1) / 4
            buffer.put(op, x: t.mapX - 1 - GlyphWidth.columns(of: op), y: y, style: ExplorerTheme.title)
        }
    }

    private func drawStatus(into buffer: inout CellBuffer) {
        let left = StyledText(" gatescope · \(state.run.name)", ExplorerTheme.title)
        let model = " · " + state.run.modelSummary
        var where_ = " · channel \(state.channel + 1)/\(shape.channels)"
        if state.run.shapes.count > 1 { where_ = " · layer \(state.layer + 1)/\(state.run.shapes.count)" + where_ }
        var right = StyledText(" t=\(state.step + 1)/\(state.run.steps) ", ExplorerTheme.title)
        right.add(state.isPlaying ? "▶ playing" : "⏸ paused", state.isPlaying ? ExplorerTheme.title : .plain)
        right.add(" · \(state.speed) steps/s ", ExplorerTheme.dim)
        // The model summary goes first when the line is narrow; the layer and channel stay.
        StatusBar(left: [.init(left), .init(StyledText(model, ExplorerTheme.dim), optional: true), .init(StyledText(where_, ExplorerTheme.title))],
                  right: right, filler: Cell("─", style: ExplorerTheme.rule))
            .draw(in: Rect(x: 0, y: 0, width: width, height: 1), into: &buffer)
    }

    private func drawTimeRow(into buffer: inout CellBuffer) {
        var line = StyledText(" steps ", ExplorerTheme.dim)
        let steps = state.run.steps
        if steps <= width - 40 {
            for t in 0..<steps {
                line.add(t == state.step ? "▲" : (t < state.step ? "■" : "□"), t == state.step ? ExplorerTheme.selection : ExplorerTheme.dim)
            }
        }
        line.add("  t=\(state.step + 1) of \(steps)", ExplorerTheme.title)
        if state.showsGrid {
            let kind = SpatialSeries.all[state.gridSeries]
            let long = "  ·  every channel of \(kind.title) (\(kind.meaning)) · Tab: other series"
            line.add(line.width + GlyphWidth.columns(of: long) <= width ? long : "  ·  all channels of \(kind.title)", ExplorerTheme.dim)
        } else {
            // The colour legends from the maps' own tables (signed maps are scaled to their largest |value|).
            let gates = Legend(name: "gates", low: "0", high: "1", table: ScaleTable(scale: state.palette.sequential, mode: buffer.colorMode), swatchCount: 6)
            let signed = Legend(name: "signed", low: "−", high: "+", table: ScaleTable(scale: state.palette.diverging, mode: buffer.colorMode))
            var legends = StyledText("  · ", ExplorerTheme.dim)
            legends.pieces += gates.line.pieces + signed.line.pieces
            var full = legends
            full.add("· ◆ = selected pixel", ExplorerTheme.dim)
            let room = width - line.width
            if let legend = [full, legends, StyledText("  · ◆ selected pixel", ExplorerTheme.dim)].first(where: { $0.width <= room }) {
                line.pieces += legend.pieces
            }
        }
        line.draw(into: &buffer, x: 0, y: 1, maxX: width)
    }

    /// The selected pixel's arithmetic: the belt sum and the output, with this step's numbers.
    public func numberLines() -> [StyledText] {
        let t = state.step, d = state.decimals
        let index = state.channel * shape.pixels + state.pixelY * shape.width + state.pixelX
        func v(_ series: String, _ step: Int) -> Float? {
            guard let m = layerTrace?.series[series], step >= 0, step < m.rows, index < m.columns else { return nil }
            return m[step, index]
        }
        var head = StyledText(" ◆ pixel row \(state.pixelY + 1), col \(state.pixelX + 1) of channel \(state.channel + 1)", ExplorerTheme.selection)
        let pixel = state.pixelY * shape.width + state.pixelX
        func n(_ x: Float) -> String { NumberFormat.fixed(x, d) }
        if let p = state.run.prediction(step: t), pixel < p.count {
            head.add(" · next frame here: predicted \(n(p[pixel]))", .plain)
            if let next = state.run.nextFrame(step: t), pixel < next.count { head.add(", truly \(n(next[pixel]))") }
        }
        guard let f = v(SeriesName.forgetGate, t), let i = v(SeriesName.inputGate, t), let g = v(SeriesName.cellCandidate, t),
              let c = v(SeriesName.cell, t) else { return [head] }
        let previous = v(SeriesName.cell, t - 1) ?? 0
        var first = StyledText(" c = f·c₋₁ + i·g = \(n(f))·\(NumberFormat.term(previous, d)) + \(n(i))·\(NumberFormat.term(g, d)) = ")
        first.add(n(c), ExplorerTheme.title)
        let arrows = "   belt: \(n(previous)) ─×\(n(f))→ \(n(f * previous)) ─+\(NumberFormat.term(i * g, d))→ \(n(c))"
        if first.width + GlyphWidth.columns(of: arrows) <= width { first.add(arrows, ExplorerTheme.dim) }
        var second = StyledText(" ")
        if let o = v(SeriesName.outputGate, t), let h = v(SeriesName.hidden, t) {
            second.add("h = o·tanh(c) = \(n(o))·\(NumberFormat.term(Activation.tanh(c), d)) = ")
            second.add(n(h), ExplorerTheme.title)
        }
        return [head, first, second]
    }

    private func drawNumbers(into buffer: inout CellBuffer) {
        for (offset, line) in numberLines().enumerated() where numbersY + offset < height - 1 {
            line.draw(into: &buffer, x: 0, y: numbersY + offset, maxX: width)
        }
    }

    private func drawHints(into buffer: inout CellBuffer) {
        var items = ["←/→ step", "space play", "↑/↓ channel", "m " + (state.showsGrid ? "one channel" : "all channels")]
        if state.showsGrid { items.append("tab series") }
        items.append("HJKL pixel")
        if state.run.shapes.count > 1 { items.append("[ ] layer") }
        var bar = StatusBar.hints(items, pinned: ["? help", "q quit"], style: ExplorerTheme.dim)
        var notices: [String] = []
        if filmDropped { notices.append("c over time") }
        if gridDropped > 0 { notices.append("\(gridDropped) channels") }
        if !notices.isEmpty {
            bar.left.append(.init(StyledText("  (enlarge for " + notices.joined(separator: ", ") + ")", ExplorerTheme.dim), optional: true))
        }
        bar.draw(in: Rect(x: 0, y: height - 1, width: width, height: 1), into: &buffer)
    }

    /// The help overlay: the ConvLSTM explorer's keys, the mouse, how to read the maps, the story.
    var helpOverlay: HelpOverlay {
        var sections = [HelpOverlay.Section(["each map is one channel over the frame (H×W), two pixels per text row",
                                             "belt: c₋₁ ×f = kept, + i·g (written) = c, pixel by pixel"], style: ExplorerTheme.dim)]
        if let story = state.run.story { sections.append(.init([story], marksCut: true)) }
        return HelpOverlay(title: " ConvLSTM explorer help · Esc or ? closes ", keyMap: SpatialExplorerCommand.keys,
                           notes: [("mouse", "click a map: select that pixel (in the grid: that channel)")], sections: sections)
    }

    private func drawHelp(into buffer: inout CellBuffer) {
        helpOverlay.draw(in: buffer.area, into: &buffer)
    }

    /// The tile and pixel under (x, y), if any.
    public func hit(x: Int, y: Int) -> (tile: SpatialTile, pixelY: Int, pixelX: Int)? {
        for tile in tiles {
            let px = (x - tile.mapX) / max(1, tile.scale)
            let py = ((y - tile.mapY) * 2) / max(1, tile.scale)
            if x >= tile.mapX, y >= tile.mapY, px < shape.width, py < shape.height { return (tile, py, px) }
        }
        return nil
    }
}
