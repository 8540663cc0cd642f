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

    /// The line broken into lines of at most `width` columns, at spaces where possible; continuation
    /// lines start with `indent` spaces.
    public func wrapped(width: Int, indent: Int = 2) -> [StyledText] {
        guard width > indent + 4, self.width > width else { return [self] }
        var lines: [StyledText] = []
        var current = StyledText()
        var used = 0
        for piece in pieces {
            // Split the piece into words, keeping the spaces with the word before them.
            var words: [String] = []
            var word = ""
            for character in piece.text {
                word.append(character)
                if character == " " { words.append(word); word = "" }
            }
            if !word.isEmpty { words.append(word) }
            for word in words {
                let w = GlyphWidth.columns(of: word)
                if used + w > width && used > indent {
                    lines.append(current)
                    current = StyledText(String(repeating: " ", count: indent))
                    used = indent
                }
                current.add(word, piece.style)
                used += w
            }
        }
        if used > 0 { lines.append(current) }
        return lines
    }

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
