/// Lines of styled text broken at spaces to the rectangle's width (continuation lines indented),
/// drawn top down while rows remain; a line cut off at the bottom ends in "…" when `marksCut` is on.
public struct WrappedText: Widget {
    /// The lines before wrapping.
    public var lines: [StyledText]
    /// Spaces before each continuation line.
    public var indent: Int
    /// Whether text that does not fit ends in "…" on the last row.
    public var marksCut: Bool

    /// Wrapped `lines`.
    public init(_ lines: [StyledText], indent: Int = 2, marksCut: Bool = false) {
        self.lines = lines
        self.indent = indent
        self.marksCut = marksCut
    }

    /// One paragraph in one style.
    public init(_ text: String, style: CellStyle = .plain, indent: Int = 2, marksCut: Bool = false) {
        self.init([StyledText(text, style)], indent: indent, marksCut: marksCut)
    }

    /// The lines as drawn at `width` columns.
    public func wrapped(width: Int) -> [StyledText] {
        lines.flatMap { $0.wrapped(width: width, indent: indent) }
    }

    /// Rows the text takes at `width` columns.
    public func height(width: Int) -> Int { wrapped(width: width).count }

    /// Draws the lines that fit.
    public func draw(in rect: Rect, into buffer: inout CellBuffer) {
        var shown = wrapped(width: rect.width)
        let cut = shown.count > rect.height
        shown = Array(shown.prefix(rect.height))
        if cut && marksCut, var last = shown.popLast() {
            // The mark replaces trailing spaces, or the last column when the line is full.
            while let piece = last.pieces.last, piece.text.last == " " || piece.text.isEmpty {
                last.pieces[last.pieces.count - 1].text = String(piece.text.dropLast())
                if last.pieces[last.pieces.count - 1].text.isEmpty { last.pieces.removeLast() }
            }
            if last.width >= rect.width {
                last = StyledText(String(last.text.prefix(max(0, rect.width - 1))), last.pieces.last?.style ?? .plain)
            }
            last.add("…", last.pieces.last?.style ?? .plain)
            shown.append(last)
        }
        for (offset, line) in shown.enumerated() {
            line.draw(into: &buffer, x: rect.x, y: rect.y + offset, maxX: rect.maxX)
        }
    }
}
