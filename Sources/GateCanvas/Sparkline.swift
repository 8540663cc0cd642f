/// A sparkline (`▁▂▃▄▅▆▇█`): one value per column along the steps, scaled between a low and a high
/// value; NaN shows as ``ScaleTable/nanGlyph`` (missing, not middling), ±∞ as the lowest or highest bar.
public struct Sparkline: Widget {
    /// The bar glyphs, lowest first.
    public static let glyphs: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// The values, one per step.
    public var values: [Float]
    /// The value drawn as the lowest bar.
    public var low: Float
    /// The value drawn as the highest bar.
    public var high: Float
    /// The steps drawn (others are left as they are).
    public var steps: Range<Int>
    /// The step at the rectangle's left edge.
    public var firstStep: Int
    /// The style of the bar at a step (the cursor, steps not read yet).
    public var style: (Int) -> CellStyle

    /// A sparkline of `values` scaled to the finite values of `range` (default: `values` themselves).
    public init(values: [Float], range: [Float]? = nil, steps: Range<Int>, firstStep: Int,
                style: @escaping (Int) -> CellStyle = { _ in .plain }) {
        let finite = (range ?? values).filter(\.isFinite)
        self.init(values: values, low: finite.min() ?? 0, high: finite.max() ?? 1, steps: steps,
                  firstStep: firstStep, style: style)
    }

    /// A sparkline of `values` scaled from `low` to `high`.
    public init(values: [Float], low: Float, high: Float, steps: Range<Int>, firstStep: Int,
                style: @escaping (Int) -> CellStyle = { _ in .plain }) {
        self.values = values
        self.low = low
        self.high = high
        self.steps = steps
        self.firstStep = firstStep
        self.style = style
    }

    /// The glyph for `value` between `low` and `high`: a middle bar when the range is empty.
    /// Computed in `Double`, so a range as wide as Float's (±3e38) cannot overflow.
    public static func glyph(_ value: Float, low: Float, high: Float) -> Character {
        if value.isNaN { return ScaleTable.nanGlyph }
        if value.isInfinite { return value > 0 ? glyphs[7] : glyphs[0] }
        guard high > low, low.isFinite, high.isFinite else { return glyphs[3] }
        let t = (Double(value) - Double(low)) / (Double(high) - Double(low))
        return glyphs[min(7, max(0, Int(saturating: t * 8)))]
    }

    /// The glyphs of `values` on one scale, as a string (for text beside other text).
    public static func text(_ values: [Float], low: Float, high: Float) -> String {
        String(values.map { glyph($0, low: low, high: high) })
    }

    /// Draws the steps that fall inside the rectangle's first row.
    public func draw(in rect: Rect, into buffer: inout CellBuffer) {
        guard rect.height > 0 else { return }
        let first = max(steps.lowerBound, firstStep, 0)
        let last = min(steps.upperBound, firstStep + rect.width, values.count)
        guard last > first else { return }
        for step in first..<last {
            buffer[rect.x + step - firstStep, rect.y] = Cell(Self.glyph(values[step], low: low, high: high), style: style(step))
        }
    }
}
