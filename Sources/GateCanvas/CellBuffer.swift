/// A value-type grid of cells that views draw into; a terminal backend flushes only its changes.
///
/// Coordinates start at 0 in the top-left corner. Drawing outside the grid is clipped silently.
public struct CellBuffer: Equatable, Sendable {
    /// Number of columns.
    public let width: Int
    /// Number of rows.
    public let height: Int
    /// The cells, row by row (`cells[y * width + x]`).
    public private(set) var cells: [Cell]
    /// How the terminal will show colours; views use it to pick glyphs (for example shade
    /// characters in monochrome). `runApp` sets it from the terminal before each render.
    public var colorMode: ColorMode

    /// Creates a buffer of `width` × `height` copies of `fill`.
    public init(width: Int, height: Int, fill: Cell = .blank, colorMode: ColorMode = .truecolor) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: fill, count: self.width * self.height)
        self.colorMode = colorMode
    }

    /// The whole buffer as a rectangle.
    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column `x`, row `y`. Reading outside the grid gives a blank cell; writing
    /// outside is ignored. Writing replaces the cell as is; use ``put(_:x:y:style:)`` for text.
    public subscript(x: Int, y: Int) -> Cell {
        get { area.contains(x: x, y: y) ? cells[y * width + x] : .blank }
        set { if area.contains(x: x, y: y) { cells[y * width + x] = newValue } }
    }

    /// Writes `text` from column `x` of row `y`, clipped at the edges, and returns the column after
    /// the last one written to (or that would have been).
    ///
    /// Double-width graphemes take two cells (the right one a continuation). A wide grapheme cut by
    /// an edge becomes a space; a wide grapheme partly overwritten loses its other half to a space.
    /// Control characters are drawn as spaces.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: CellStyle = .plain) -> Int {
        var column = x
        guard y >= 0, y < height else { return x + GlyphWidth.columns(of: text) }
        for character in text {
            let glyphWidth = GlyphWidth.columns(of: character)
            defer { column += glyphWidth }
            if column >= width { continue }
            if column + glyphWidth <= 0 { continue }
            let grapheme = Self.isControl(character) ? " " : String(character)
            if glyphWidth == 2 && (column < 0 || column + 1 >= width) {
                // Only one half is visible: show a space where the visible half is.
                let visible = column < 0 ? column + 1 : column
                place(Cell(" ", style: style), x: visible, y: y)
                continue
            }
            place(Cell(grapheme, style: style), x: column, y: y)
            if glyphWidth == 2 { place(Cell("", style: style), x: column + 1, y: y) }
        }
        return column
    }

    /// Whether `character` is a control character (Unicode category Cc: U+0000–001F, U+007F–009F —
    /// the whole category, compared by value rather than looked up in the property tables).
    @inline(__always)
    static func isControl(_ character: Character) -> Bool {
        if let ascii = character.asciiValue { return ascii < 0x20 || ascii == 0x7F }
        return character.unicodeScalars.allSatisfy { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
    }

    /// Sets every cell of `rect` (clipped to the buffer) to `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell) {
        let clipped = rect.intersection(area)
        guard !clipped.isEmpty else { return }
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { place(cell, x: x, y: y) }
        }
    }

    /// The text of the buffer, one line per row joined with "\n", trailing spaces trimmed per line.
    /// Continuation cells add nothing; styles are ignored. Meant for tests.
    public func plainText() -> String {
        (0..<height).map { y -> String in
            var line = ""
            for x in 0..<width { line += cells[y * width + x].grapheme }
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    /// The cells that differ from `previous`, in row order. Every cell counts as changed when the
    /// sizes differ.
    public func changes(from previous: CellBuffer) -> [(x: Int, y: Int, cell: Cell)] {
        var result: [(x: Int, y: Int, cell: Cell)] = []
        let sameSize = previous.width == width && previous.height == height
        for index in cells.indices where !sameSize || cells[index] != previous.cells[index] {
            result.append((x: index % width, y: index / width, cell: cells[index]))
        }
        return result
    }

    /// Stores `cell` at `x`, `y`, turning any wide grapheme it cuts in half into a space.
    private mutating func place(_ cell: Cell, x: Int, y: Int) {
        guard area.contains(x: x, y: y) else { return }
        let index = y * width + x
        let old = cells[index]
        if old.isContinuation, x > 0, cells[index - 1].width == 2, !(cell.isContinuation) {
            cells[index - 1].grapheme = " "
        }
        if old.width == 2, cell.width != 2, x + 1 < width, cells[index + 1].isContinuation {
            cells[index + 1].grapheme = " "
        }
        cells[index] = cell
    }
}
