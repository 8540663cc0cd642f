import GateCanvas
extension CellBuffer {
    /// Draws a ``Box`` of `width` × `height` centred on the buffer (over what is there) and returns its
    /// rectangle (the bookmark and token-unit lists).
    @discardableResult
    mutating func drawCenteredBox(width boxWidth: Int, height boxHeight: Int, title: String) -> Rect {
        let rect = area.centered(width: boxWidth, height: boxHeight)
        Box(title: title, ruleStyle: ExplorerTheme.rule, titleStyle: ExplorerTheme.title).draw(in: rect, into: &self)
        return rect
    }
}
