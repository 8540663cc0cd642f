/// A one-line bar: pieces on the left, each with shorter alternatives, some of which give way (whole,
/// never cut) when the line is too narrow, a separator between the separated pieces that stay; a
/// filler up to the right-aligned piece. The explorer's title bar and every screen's key hints
/// (``hints(_:pinned:prefix:style:)``) are status bars.
public struct StatusBar: Widget {
    /// A piece on the left.
    public struct Segment {
        /// The text and its shorter alternatives, longest first: the first that fits is drawn.
        public var choices: [StyledText]
        /// Whether it gives way when even its last choice does not fit.
        public var isOptional: Bool
        /// Whether the bar's separator goes between it and the separated piece kept before it.
        public var isSeparated: Bool

        /// A piece with no alternative; optional pieces are left out when they do not fit.
        public init(_ text: StyledText, optional: Bool = false, separated: Bool = false) {
            self.init(choices: [text], optional: optional, separated: separated)
        }

        /// A piece drawn as the first of `choices` that fits (a fixed piece: the last when none does).
        public init(choices: [StyledText], optional: Bool = false, separated: Bool = false) {
            self.choices = choices.isEmpty ? [StyledText()] : choices
            self.isOptional = optional
            self.isSeparated = separated
        }

        /// The shortest choice's width.
        var minimumWidth: Int { choices.map(\.width).min() ?? 0 }
    }

    /// The left pieces, in order.
    public var left: [Segment]
    /// The piece at the right edge.
    public var right: StyledText
    /// Drawn between the left pieces and the right one (a rule, with a blank on either side), if any.
    public var filler: Cell?
    /// Drawn between two separated pieces that are both kept (" · ").
    public var separator: StyledText

    /// A bar.
    public init(left: [Segment], right: StyledText = StyledText(), filler: Cell? = nil, separator: StyledText = StyledText()) {
        self.left = left
        self.right = right
        self.filler = filler
        self.separator = separator
    }

    /// Key hints: `items` in priority order joined by " · " after `prefix`, then `pinned` ones that
    /// always show (help, quit); items that do not fit go from the end.
    public static func hints(_ items: [String], pinned: [String], prefix: StyledText = StyledText(" "),
                             style: CellStyle = CellStyle(dim: true)) -> StatusBar {
        let segments = [Segment(prefix)] + items.map { Segment(StyledText($0, style), optional: true, separated: true) }
            + pinned.map { Segment(StyledText($0, style), separated: true) }
        return StatusBar(left: segments, separator: StyledText(" · ", style))
    }

    /// The left pieces kept at `width` columns, in order: each the first choice that fits in what the
    /// fixed pieces after it leave; an optional piece none of whose choices fits is left out (pieces
    /// come in priority order: an earlier one takes the room first).
    public func keptSegments(width: Int) -> [StyledText] {
        let gap = separator.width
        var budget = width - right.width - (filler == nil ? 0 : 1)
        // Fixed pieces keep room for themselves and their separator.
        var reserved = left.filter { !$0.isOptional }.reduce(0) { $0 + $1.minimumWidth + ($1.isSeparated ? gap : 0) }
        var kept: [StyledText] = []
        var separatedBefore = false
        for segment in left {
            let join = segment.isSeparated && separatedBefore ? gap : 0
            let text: StyledText
            if segment.isOptional {
                guard let fitting = segment.choices.first(where: { $0.width + join <= budget - reserved }) else { continue }
                text = fitting
            } else {
                reserved -= segment.minimumWidth + (segment.isSeparated ? gap : 0)
                text = segment.choices.first { $0.width + join <= budget - reserved } ?? segment.choices[segment.choices.count - 1]
            }
            if join > 0 { kept.append(separator) }
            kept.append(text)
            budget -= text.width + join
            separatedBefore = separatedBefore || segment.isSeparated
        }
        return kept
    }

    /// Draws the bar on the rectangle's first row.
    public func draw(in rect: Rect, into buffer: inout CellBuffer) {
        guard rect.height > 0 else { return }
        let rightX = max(rect.x, rect.maxX - right.width)
        let leftEnd = rightX - (filler == nil ? 0 : 1)
        var x = rect.x
        for text in keptSegments(width: rect.width) { x = text.draw(into: &buffer, x: x, y: rect.y, maxX: leftEnd) }
        if let filler, rightX - 1 > x + 1 {
            for column in (x + 1)..<(rightX - 1) { buffer[column, rect.y] = filler }
        }
        right.draw(into: &buffer, x: rightX, y: rect.y, maxX: rect.maxX)
    }
}
