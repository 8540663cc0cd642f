/// A colour scale sampled at 256 levels for one colour mode, so painting a cell is an array lookup.
public struct ScaleTable: Sendable {
    /// The scale.
    public let scale: ColorScale
    /// The colour mode.
    public let mode: ColorMode
    private let colors: [TerminalColor]
    private let shades: [Character]

    /// Samples `scale` for `mode`.
    public init(scale: ColorScale, mode: ColorMode) {
        self.scale = scale
        self.mode = mode
        let lower = scale.domain.lowerBound, upper = scale.domain.upperBound
        var colors: [TerminalColor] = []
        var shades: [Character] = []
        colors.reserveCapacity(256)
        for level in 0..<256 {
            let value = lower + (upper - lower) * Double(level) / 255
            colors.append(scale.color(for: value, mode: mode))
            shades.append(scale.shade(for: value))
        }
        self.colors = colors
        self.shades = shades
    }

    @inline(__always)
    private func level(_ value: Float) -> Int {
        guard value.isFinite else { return value.isNaN ? (scale.isDiverging ? 128 : 0) : (value > 0 ? 255 : 0) }
        let position = scale.isDiverging ? (value + 1) / 2 : value
        return Int((min(1, max(0, position)) * 255).rounded())
    }

    /// The colour of `value` (in the scale's domain: [0, 1] or [−1, 1]).
    @inline(__always)
    public func color(_ value: Float) -> TerminalColor { colors[level(value)] }

    /// The monochrome shade glyph of `value`.
    @inline(__always)
    public func shade(_ value: Float) -> Character { shades[level(value)] }

    /// A cell showing two values (upper in the foreground of `▀`, lower in the background); the lower
    /// may be missing (an odd unit count). In monochrome, the upper value's shade glyph: the one rule
    /// of every heatmap (a mean of two signed values would show +1 over −1 as 0).
    @inline(__always)
    public func cell(upper: Float, lower: Float?) -> Cell {
        if upper.isNaN || lower?.isNaN == true { return nanCell(upper: upper, lower: lower) }
        if mode == .monochrome { return Cell(shade(upper)) }
        return Cell("▀", style: CellStyle(foreground: color(upper), background: lower.map(color) ?? .default))
    }

    /// A swatch of `count` cells from the low to the high end of the scale (for legends). With 16 or
    /// 8 colours, one cell per step of the mode's ladder instead (in monochrome, per shade glyph), so
    /// the legend shows every colour the maps use.
    public func swatch(count: Int) -> [Cell] {
        let glyphs = ColorScale.shadeGlyphs.count + (scale.isDiverging ? ColorScale.negativeGlyphs.count : 0)
        let steps = mode == .monochrome ? glyphs : (mode == .palette16 || mode == .palette8 ? scale.ladder(for: mode).count : 0)
        let cells = steps > 0 ? steps : count
        return (0..<cells).map { k in
            let t = steps > 0 ? (Float(k) + 0.5) / Float(steps) : (cells > 1 ? Float(k) / Float(cells - 1) : 0.5)
            let value = scale.isDiverging ? t * 2 - 1 : t
            if mode == .monochrome { return Cell(shade(value)) }
            return Cell("█", style: CellStyle(foreground: color(value)))
        }
    }
}
