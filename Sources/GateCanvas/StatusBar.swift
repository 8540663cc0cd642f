/// A one-line bar: pieces on the left, each with shorter alternatives, some of which give way (whole,
/// never cut) when the line is too narrow; a filler up to the right-aligned piece. The explorer's title bar and every screen's
/// key hints (``hints(_:pinned:prefix:style:)``) are status bars.
public struct StatusBar: Widget {
    /// A piece on the left.
    public struct Segment {
        /// The text and its shorter alternatives, longest first: the first that fits is drawn.
        public var choices: [StyledText]
        /// Whether it gives way when even its last choice does not fit.
        public var isOptional: Bool

        /// A piece with no alternative; optional pieces are left out when they do not fit.
        public init(_ text: StyledText, optional: Bool = false) {
            self.init(choices: [text], optional: optional)
        }

        /// A piece drawn as the first of `choices` that fits (a fixed piece: the last when none does).
        public init(choices: [StyledText], optional: Bool = false) {
            self.choices = choices.isEmpty ? [StyledText()] : choices
            self.isOptional = optional
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

    /// A bar.
    public init(left: [Segment], right: StyledText = StyledText(), filler: Cell? = nil) {
        self.left = left
        self.right = right
        self.filler = filler
    }

    /// Key hints: `items` in priority order joined by " · " after `prefix`, then `pinned` ones that
    /// always show (help, quit); items that do not fit go from the end.
    public static func hints(_ items: [String], pinned: [String], prefix: StyledText = StyledText(" "),
                             style: CellStyle = CellStyle(dim: true)) -> StatusBar {
        var segments = [Segment(prefix)]
        for (index, item) in items.enumerated() {
            let last = index == items.count - 1 && pinned.isEmpty
            segments.append(Segment(StyledText(item + (last ? "" : " · "), style), optional: true))
        }
        segments.append(Segment(StyledText(pinned.joined(separator: " · "), style)))
        return StatusBar(left: segments)
    }

    /// The left pieces kept at `width` columns, in order: each the first choice that fits in what the
    /// fixed pieces after it leave; an optional piece none of whose choices fits is left out (pieces
    /// come in priority order: an earlier one takes the room first).
    public func keptSegments(width: Int) -> [StyledText] {
        var budget = width - right.width - (filler == nil ? 0 : 1)
        var reserved = left.filter { !$0.isOptional }.reduce(0) { $0 + $1.minimumWidth }
        var kept: [StyledText] = []
        for segment in left {
            if segment.isOptional {
                guard let text = segment.choices.first(where: { $0.width <= budget - reserved }) else { continue }
                kept.append(text)
                budget -= text.width
            } else {
                reserved -= segment.minimumWidth
                let text = segment.choices.first { $0.width <= budget - reserved } ?? segment.choices[segment.choices.count - 1]
                kept.append(text)
                budget -= text.width
            }
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
