import GateCanvas
import GateCore

extension ExplorerSessionApp {
    /// Lines the `u` list holds.
    static let tokenUnitCount = 12

    /// `u`: lists the units that respond most to the input token at the cursor.
    mutating func openTokenUnits() {
        guard let token = state.tokenAtCursor else {
            message = "u lists the units that respond to the token at the cursor; this input is numbers, not text"
            return
        }
        let items = state.unitsResponding(to: token, count: Self.tokenUnitCount)
        guard !items.isEmpty else {
            message = "'\(state.tokenName(token))' is every step in view (or none): nothing to compare it with"
            return
        }
        tokenUnits = TokenUnitList(token: token, items: items)
    }

    /// Keys while the `u` list is open: ↑/↓ choose, Enter jumps to the unit, s sorts the panels by the
    /// token, Esc closes.
    mutating func handleTokenUnitsKey(_ key: Key) {
        guard var list = tokenUnits else { return }
        if let moved = key.listSelection(from: list.selected, count: list.items.count) {
            list.selected = moved
            tokenUnits = list
            return
        }
        switch key {
        case .escape, .character("u"), .character("q"):
            tokenUnits = nil
        case .enter, .character("s"):
            tokenUnits = nil
            let item = list.items[list.selected]
            explorer.state.show(layer: item.layer, reverse: item.isReverse, unit: item.unit)
            if key == .character("s") { explorer.state.sortUnits(byToken: list.token) }
            let name = state.tokenName(list.token)
            message = key == .character("s")
                ? "units sorted by their response to '\(name)' (s again: back to the usual order)"
                : "layer \(item.layer + 1)\(item.isReverse ? " ←" : "") unit \(item.unit + 1): '\(name)' \(Self.signed(item.score))"
        default:
            break
        }
    }

    /// "+0.81" / "-0.40".
    static func signed(_ value: Double) -> String {
        (value >= 0 ? "+" : "") + NumberFormat.fixed(Float(value), 2)
    }

    /// The `u` list in a box.
    func drawTokenUnits(into buffer: inout CellBuffer, list: TokenUnitList) {
        let name = state.tokenName(list.token)
        let title = " units responding to '\(name)' · Enter jumps · s sorts by it · Esc "
        let boxWidth = min(buffer.width - 2, max(56, GlyphWidth.columns(of: title) + 4))
        let visible = max(1, min(list.items.count, buffer.height - 7))
        let first = min(max(0, list.selected - visible / 2), max(0, list.items.count - visible))
        let rect = buffer.drawCenteredBox(width: boxWidth, height: visible + 4, title: title)
        let count = list.items.first?.count ?? 0
        let scope = window == 0..<totalSteps ? "" : " in view"
        _ = StyledText(" '\(name)' at \(count) of \(state.totalSteps) steps\(scope); score = mean h there − elsewhere", ExplorerTheme.dim)
            .draw(into: &buffer, x: rect.x + 1, y: rect.y + 1, maxX: rect.maxX - 1)
        let twoDirections = state.run.hasReverseDirection
        let digits = String(list.items.map { $0.unit + 1 }.max() ?? 1).count
        for (offset, index) in (first..<min(list.items.count, first + visible)).enumerated() {
            let item = list.items[index]
            let arrow = twoDirections ? (item.isReverse ? " ←" : " →") : ""
            let z = item.z.isFinite ? NumberFormat.fixed(Float(item.z), 1) : "–"
            let unit = String(item.unit + 1).leftPadded(to: digits)
            let score = Self.signed(item.score).leftPadded(to: 6)
            let line = " \(index == list.selected ? "▸" : " ") layer \(item.layer + 1)\(arrow)  unit \(unit)  \(score)  z \(z.leftPadded(to: 5))"
            let style = index == list.selected ? ExplorerTheme.cursor : .plain
            _ = StyledText(line, style).draw(into: &buffer, x: rect.x + 1, y: rect.y + 2 + offset, maxX: rect.maxX - 1)
        }
    }
}
