/// A line of text made of styled pieces, drawn left to right and cut at a width.
public struct StyledText: Sendable {
    /// The pieces.
    public var pieces: [(text: String, style: CellStyle)]

    /// An empty line.
    public init() { pieces = [] }

    /// A line of one piece.
    public init(_ text: String, _ style: CellStyle = .plain) { pieces = [(text, style)] }

    /// Appends a piece.
    public mutating func add(_ text: String, _ style: CellStyle = .plain) { pieces.append((text, style)) }

    /// Columns the line takes.
    public var width: Int { pieces.reduce(0) { $0 + GlyphWidth.columns(of: $1.text) } }

    /// The plain text.
    public var text: String { pieces.map(\.text).joined() }

    /// Draws the line at (x, y), never past `maxX`; returns the column after the last one drawn.
    @discardableResult
    public func draw(into buffer: inout CellBuffer, x: Int, y: Int, maxX: Int) -> Int {
        var column = x
        for piece in pieces {
            guard column < maxX else { break }
            var text = piece.text
            let room = maxX - column
            if GlyphWidth.columns(of: text) > room {
                var cut = ""
                var used = 0
                for character in text {
                    let w = GlyphWidth.columns(of: character)
                    if used + w > room { break }
                    cut.append(character)
                    used += w
                }
                text = cut
            }
            column = buffer.put(text, x: column, y: y, style: piece.style)
        }
        return column
    }
}
