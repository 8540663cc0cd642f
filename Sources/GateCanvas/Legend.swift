/// A colour legend on one line: a name, the low end's value, a swatch of every colour the maps use
/// (from the same ``ScaleTable``, one cell per ladder step in 16 and 8 colours, per glyph in
/// monochrome), the high end's value: ` gate 0 ██████ 1 `.
public struct Legend: Widget {
    /// What the colours stand for ("gate", "c per unit, unit 3:"); empty for none.
    public var name: String
    /// The value at the low end, as shown.
    public var low: String
    /// The value at the high end, as shown.
    public var high: String
    /// The colours.
    public var table: ScaleTable
    /// Swatch cells in truecolor and 256 colours (the low-colour modes show their whole ladder).
    public var swatchCount: Int
    /// The style of the words and values.
    public var labelStyle: CellStyle

    /// A legend of `table` from `low` to `high`.
    public init(name: String = "", low: String, high: String, table: ScaleTable, swatchCount: Int = 7,
                labelStyle: CellStyle = CellStyle(dim: true)) {
        self.name = name
        self.low = low
        self.high = high
        self.table = table
        self.swatchCount = swatchCount
        self.labelStyle = labelStyle
    }

    /// The legend as a line of text, to put beside other text.
    public var line: StyledText {
        var line = StyledText(" " + (name.isEmpty ? "" : name + " ") + low + " ", labelStyle)
        for cell in table.swatch(count: swatchCount) { line.add(cell.grapheme, cell.style) }
        line.add(" " + high + " ", labelStyle)
        return line
    }

    /// Columns the legend takes.
    public var width: Int { line.width }

    /// Draws the legend on the rectangle's first row, cut at its right edge.
    public func draw(in rect: Rect, into buffer: inout CellBuffer) {
        line.draw(in: rect, into: &buffer)
    }
}
