import GateCanvas

/// How much of the belt a person cannot read: the share of near-white pixels in the belt (state)
/// heatmaps of a rendered explorer screen. A half-block cell is two pixels (foreground above,
/// background below); cells not drawn yet (steps still to come) do not count.
public enum BeltPaleness {
    /// The lowest channel value of a near-white colour: every channel at least this is "pale".
    public static let paleChannel: UInt8 = 190

    /// Whether `color` is near-white as truecolor shows it (indexed colours by xterm's defaults).
    public static func isPale(_ color: TerminalColor) -> Bool {
        let rgb: (UInt8, UInt8, UInt8)
        switch color {
        case .default: return false
        case let .indexed(index): rgb = ColorQuantizer.rgb(forIndex: index)
        case let .rgb(r, g, b): rgb = (r, g, b)
        }
        return min(rgb.0, rgb.1, rgb.2) >= paleChannel
    }

    /// Pale and counted pixels inside `rects` of `buffer`.
    public static func count(in buffer: CellBuffer, rects: [Rect]) -> (pale: Int, total: Int) {
        var pale = 0, total = 0
        for rect in rects {
            for y in rect.y..<min(rect.maxY, buffer.height) {
                for x in rect.x..<min(rect.maxX, buffer.width) {
                    let cell = buffer[x, y]
                    guard cell.grapheme == "▀" else { continue }
                    for color in [cell.style.foreground, cell.style.background] where color != .default {
                        total += 1
                        if isPale(color) { pale += 1 }
                    }
                }
            }
        }
        return (pale, total)
    }

    /// The pale share (0…1) of the belt panels of `state` rendered at `width` × `height` in truecolor
    /// (only the panel of `series` when given: c alone, say).
    public static func share(of state: ExplorerState, series: String? = nil, width: Int = 120, height: Int = 40) -> Double {
        let frame = ExplorerFrame(state: state, width: width, height: height, mode: .truecolor)
        var buffer = CellBuffer(width: width, height: height, colorMode: .truecolor)
        frame.render(into: &buffer)
        let rects = frame.layout.panels.filter { $0.kind.isState && (series == nil || $0.kind.series == series) }.map(\.heatmap)
        let counted = count(in: buffer, rects: rects)
        return counted.total == 0 ? 0 : Double(counted.pale) / Double(counted.total)
    }
}
