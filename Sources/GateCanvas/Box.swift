/// A framed box with a title in its top rule, drawn over whatever was there (its inside is cleared):
/// the help overlays and the lists shown over a screen.
public struct Box: Widget {
    /// The title, drawn from the third column of the top rule.
    public var title: String
    /// The frame's style.
    public var ruleStyle: CellStyle
    /// The title's style.
    public var titleStyle: CellStyle

    /// A box titled `title`.
    public init(title: String, ruleStyle: CellStyle = CellStyle(dim: true), titleStyle: CellStyle = CellStyle(bold: true)) {
        self.title = title
        self.ruleStyle = ruleStyle
        self.titleStyle = titleStyle
    }

    /// The inside of a box drawn in `rect` (one cell in from each side).
    public static func inside(_ rect: Rect) -> Rect { rect.insetBy(dx: 1, dy: 1) }

    /// Clears `rect` and frames it.
    public func draw(in rect: Rect, into buffer: inout CellBuffer) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect, with: .blank)
        let horizontal = String(repeating: "─", count: max(0, rect.width - 2))
        buffer.put("┌" + horizontal + "┐", x: rect.x, y: rect.y, style: ruleStyle)
        buffer.put("└" + horizontal + "┘", x: rect.x, y: rect.maxY - 1, style: ruleStyle)
        for row in (rect.y + 1)..<max(rect.y + 1, rect.maxY - 1) {
            buffer.put("│", x: rect.x, y: row, style: ruleStyle)
            buffer.put("│", x: rect.maxX - 1, y: row, style: ruleStyle)
        }
        StyledText(title, titleStyle).draw(into: &buffer, x: rect.x + 2, y: rect.y, maxX: rect.maxX - 1)
    }
}

extension Rect {
    /// A rectangle of `width` × `height` centred in this one (clipped to it).
    public func centered(width: Int, height: Int) -> Rect {
        let w = min(width, self.width), h = min(height, self.height)
        return Rect(x: x + (self.width - w) / 2, y: y + (self.height - h) / 2, width: w, height: h)
    }
}
