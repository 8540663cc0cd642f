/// The help shown over a screen (bubbles' help): the screen's keys straight from its ``KeyMap``, so
/// help and dispatch cannot drift apart, then notes (the mouse) and sections of prose, in a framed
/// box centred on the screen. Keys that do not fit one to a line go two to a line; a section goes
/// in only with room for its heading and a line, and is cut (with "…" when it says so) to fit.
public struct HelpOverlay: Widget {
    /// One help line: the keys as shown and what they do.
    public typealias Entry = (keys: String, meaning: String)

    /// Prose after the keys: an optional heading and paragraphs, wrapped to the box.
    public struct Section {
        /// The heading (nil: the section follows a blank line only).
        public var heading: String?
        /// The paragraphs, each wrapped on its own.
        public var paragraphs: [String]
        /// The paragraphs' style.
        public var style: CellStyle
        /// Whether a cut section ends in "…" (a story cut short); else it just stops.
        public var marksCut: Bool

        /// A section.
        public init(heading: String? = nil, _ paragraphs: [String], style: CellStyle = .plain, marksCut: Bool = false) {
            self.heading = heading
            self.paragraphs = paragraphs
            self.style = style
            self.marksCut = marksCut
        }
    }

    /// The title in the box's top rule.
    public var title: String
    /// The key lines, in help order.
    public var entries: [Entry]
    /// Lines after the keys in the same columns, in plain style (the mouse).
    public var notes: [Entry]
    /// The prose after the keys.
    public var sections: [Section]
    /// The widest the box gets.
    public var maximumWidth: Int
    /// Keys and headings.
    public var keyStyle: CellStyle
    /// The frame.
    public var ruleStyle: CellStyle

    /// A help of `entries`.
    public init(title: String, entries: [Entry], notes: [Entry] = [], sections: [Section] = [],
                maximumWidth: Int = 78, keyStyle: CellStyle = CellStyle(bold: true), ruleStyle: CellStyle = CellStyle(dim: true)) {
        self.title = title
        self.entries = entries
        self.notes = notes
        self.sections = sections
        self.maximumWidth = maximumWidth
        self.keyStyle = keyStyle
        self.ruleStyle = ruleStyle
    }

    /// A help of `keyMap`'s lines (less those whose keys are all in `hidden`), then `extra` ones.
    public init<Command>(title: String, keyMap: KeyMap<Command>, hiding hidden: Set<Key> = [], extra: [Entry] = [],
                         notes: [Entry] = [], sections: [Section] = [], maximumWidth: Int = 78) {
        self.init(title: title, entries: keyMap.helpEntries(hiding: hidden) + extra, notes: notes,
                  sections: sections, maximumWidth: maximumWidth)
    }

    /// Columns of the keys' column in the one-key-a-line layout.
    private var keyColumn: Int {
        max(10, (entries + notes).map { GlyphWidth.columns(of: $0.keys) }.max().map { $0 + 2 } ?? 0)
    }

    /// The box's width in a rectangle `width` wide: `maximumWidth`, or wider where the screen has
    /// room for the longest key line whole.
    public func boxWidth(in width: Int) -> Int {
        let longest = (entries + notes).map { GlyphWidth.columns(of: $0.meaning) }.max() ?? 0
        return max(0, min(width - 2, max(maximumWidth, 5 + keyColumn + longest)))
    }

    /// The lines inside a box `width` wide on a screen `height` rows high.
    public func lines(width: Int, height: Int) -> [StyledText] {
        var lines: [StyledText] = []
        let room = height - 4
        // The box holds height − 2 lines: the heading, the keys and the notes must fit. Set two to a
        // line, the keys go without their heading (the box's title says what it is).
        var noteColumn = keyColumn
        if entries.count + 1 + notes.count > height - 2 && width >= 60 {
            lines += twoColumns(width: width)
            // Notes line up with the left column's meanings.
            noteColumn = (entries.prefix((entries.count + 1) / 2).map { GlyphWidth.columns(of: $0.keys) }.max() ?? 0) + 1
        } else {
            lines.append(StyledText("keys", keyStyle))
            for entry in entries {
                var line = StyledText(" " + Self.padded(entry.keys, keyColumn), keyStyle)
                line.add(entry.meaning)
                lines.append(line)
            }
        }
        lines += notes.map { StyledText(" " + Self.padded($0.keys, noteColumn) + $0.meaning) }
        for section in sections {
            let left = room - lines.count
            let headingRows = section.heading == nil ? 0 : 1
            guard left >= 2 + headingRows else { break }
            var body = section.paragraphs.flatMap { paragraph in
                paragraph.isEmpty ? [""] : SizeNotice.wrap(paragraph, width: max(10, width - 6))
            }
            // The blank line above goes first when the section would otherwise be cut.
            let gap = body.count > left - 1 - headingRows ? 0 : 1
            if body.count > left - headingRows - gap {
                body = Array(body.prefix(left - headingRows - gap))
                if section.marksCut { body[body.count - 1] += "…" }
            }
            if gap == 1 { lines.append(StyledText()) }
            if let heading = section.heading { lines.append(StyledText(heading, keyStyle)) }
            lines += body.map { $0.isEmpty ? StyledText() : StyledText(" " + $0, section.style) }
        }
        return lines
    }

    /// The keys set two to a line in the box's inner width (width − 3): the left column, a gap, the
    /// right one; the right gets what it wants up to half, the left the rest; meanings shortened.
    private func twoColumns(width: Int) -> [StyledText] {
        let half = (entries.count + 1) / 2
        let sides = [Array(entries[..<half]), Array(entries[half...])]
        let keyWidths = sides.map { side in side.map { GlyphWidth.columns(of: $0.keys) }.max() ?? 0 }
        let wanted = (0..<2).map { side in
            (sides[side].map { GlyphWidth.columns(of: $0.meaning) }.max() ?? 0) + keyWidths[side] + 3
        }
        let leftWidth = max((width - 3) / 2, width - 3 - min(wanted[1], (width - 3) / 2))
        let widths = [leftWidth - 1, width - 3 - leftWidth - 1]
        return (0..<half).map { row in
            var line = StyledText()
            for side in 0..<2 where row < sides[side].count {
                let entry = sides[side][row]
                if side == 1 { line.add(String(repeating: " ", count: max(1, leftWidth - line.width))) }
                line.add(" " + Self.padded(entry.keys, keyWidths[side]), keyStyle)
                line.add(" " + Self.shortened(entry.meaning, to: widths[side] - keyWidths[side] - 2))
            }
            return line
        }
    }

    /// `text` padded with spaces to `width` columns.
    static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - GlyphWidth.columns(of: text)))
    }

    /// `meaning` in at most `width` columns: without its parenthesis, else cut with "…".
    public static func shortened(_ meaning: String, to width: Int) -> String {
        guard meaning.count > width, width > 1 else { return meaning }
        if let open = meaning.firstIndex(of: "("), meaning.distance(from: meaning.startIndex, to: open) > 3 {
            var bare = String(meaning[..<open])
            while bare.last == " " { bare.removeLast() }
            if bare.count <= width { return bare }
        }
        return String(meaning.prefix(width - 1)) + "…"
    }

    /// Draws the box centred in `rect`, over whatever is there.
    public func draw(in rect: Rect, into buffer: inout CellBuffer) {
        let width = boxWidth(in: rect.width)
        let lines = lines(width: width, height: rect.height)
        let box = rect.centered(width: width, height: lines.count + 3)
        Box(title: title, ruleStyle: ruleStyle, titleStyle: keyStyle).draw(in: box, into: &buffer)
        for (offset, line) in lines.enumerated() where box.y + 1 + offset < box.maxY - 1 {
            line.draw(into: &buffer, x: box.x + 2, y: box.y + 1 + offset, maxX: box.maxX - 1)
        }
    }
}
