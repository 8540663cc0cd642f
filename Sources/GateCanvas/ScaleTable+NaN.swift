extension ScaleTable {
    /// The glyph that marks NaN in heatmaps and sparklines: a missing value, never drawn like 0.
    public static let nanGlyph: Character = "×"

    /// A heatmap cell where the upper or lower value is NaN: `×` on the other value's colour (or on
    /// the terminal's background when both are NaN or in monochrome).
    func nanCell(upper: Float, lower: Float?) -> Cell {
        let other = upper.isNaN ? lower : upper
        guard mode != .monochrome, let other, !other.isNaN else { return Cell(Self.nanGlyph) }
        return Cell(Self.nanGlyph, style: CellStyle(foreground: .default, background: color(other)))
    }
}
