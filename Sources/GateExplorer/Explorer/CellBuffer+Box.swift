import GateCanvas
extension CellBuffer {
    /// Clears a box of `width` × `height` centred on the buffer, frames it with a titled rule, and
    /// returns its rectangle (the help overlays and the bookmark list share it).
    @discardableResult
    mutating func drawCenteredBox(width boxWidth: Int, height boxHeight: Int, title: String) -> Rect {
        let x = max(0, (width - boxWidth) / 2), y = max(0, (height - boxHeight) / 2)
        let rect = Rect(x: x, y: y, width: boxWidth, height: boxHeight)
        fill(rect, with: .blank)
        let horizontal = String(repeating: "─", count: max(0, boxWidth - 2))
        put("┌" + horizontal + "┐", x: x, y: y, style: ExplorerTheme.rule)
        put("└" + horizontal + "┘", x: x, y: rect.maxY - 1, style: ExplorerTheme.rule)
        for row in (y + 1)..<max(y + 1, rect.maxY - 1) {
            put("│", x: x, y: row, style: ExplorerTheme.rule)
            put("│", x: rect.maxX - 1, y: row, style: ExplorerTheme.rule)
        }
        put(title, x: x + 2, y: y, style: ExplorerTheme.title)
        return rect
    }
}
