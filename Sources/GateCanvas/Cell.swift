/// One terminal cell: a grapheme and its style.
///
/// A double-width grapheme occupies its own cell and the cell to its right; that second cell is a
/// *continuation* cell whose `grapheme` is the empty string and is never drawn by a backend.
public struct Cell: Hashable, Sendable {
    /// The grapheme shown in the cell (one extended grapheme cluster), or "" for a continuation cell.
    public var grapheme: String
    /// Colours and attributes.
    public var style: CellStyle

    /// Creates a cell showing `grapheme` in `style`.
    public init(_ grapheme: String = " ", style: CellStyle = .plain) {
        self.grapheme = grapheme
        self.style = style
    }

    /// Creates a cell showing `character` in `style`.
    public init(_ character: Character, style: CellStyle = .plain) {
        self.init(String(character), style: style)
    }

    /// A blank cell in the terminal's default colours.
    public static let blank = Cell()

    /// Whether this is the right half of a double-width grapheme.
    public var isContinuation: Bool { grapheme.isEmpty }

    /// The number of columns the grapheme occupies (0 for a continuation cell).
    public var width: Int { grapheme.first.map(GlyphWidth.columns(of:)) ?? 0 }
}
