import GateCanvas
extension ExplorerSessionApp {
    /// Style of the recording badge.
    static let recordingStyle = CellStyle(foreground: .indexed(9), bold: true)
    /// Style of the live and typing badges.
    static let liveStyle = CellStyle(foreground: .indexed(10), bold: true)

    /// The badges shown in the status line: `● REC 12`, `✎ TYPING`, `◉ LIVE`, `★`.
    var badges: [(text: String, style: CellStyle)] {
        var items: [(String, CellStyle)] = []
        if let recording { items.append(("● REC \(recording.steps)", Self.recordingStyle)) }
        if isTyping { items.append(("✎ TYPING", Self.liveStyle)) }
        if feed != nil {
            if !feedEnded {
                items.append((isFollowing ? "◉ LIVE" : "◉ LIVE (End follows)", Self.liveStyle))
            } else {
                items.append(("input ended", ExplorerTheme.dim))
            }
        }
        if let pending = pendingBadge { items.append((pending, ExplorerTheme.notice)) }
        if let mark = bookmarks.first(where: { $0.step == step }) {
            items.append(("★" + (mark.note.isEmpty ? "" : " " + mark.note), ExplorerTheme.notice))
        }
        return items
    }

    /// The bottom line's text when the session has something to say (prompt, typing, message).
    var bottomLine: (text: String, style: CellStyle)? {
        if let prompt = notePrompt {
            return ("note for t=\(prompt.step + 1): \(prompt.text)▌   Enter saves · Esc cancels", ExplorerTheme.title)
        }
        if let prompt = searchPrompt {
            return ("/\(Self.shown(prompt))▌   Enter searches the input (TRACK:text searches an annotation) · Esc cancels", ExplorerTheme.title)
        }
        if let message { return (message, ExplorerTheme.notice) }
        if let pending = pendingLine { return (pending, ExplorerTheme.notice) }
        if isTyping { return ("typing: each character is a step · ←/→ look back · Esc leaves typing", Self.liveStyle) }
        return nil
    }

    /// Draws the session's additions over the explorer's screen.
    func drawOverlays(into buffer: inout CellBuffer) {
        guard buffer.width >= ExplorerLayout.minimumSize.width, buffer.height >= ExplorerLayout.minimumSize.height else { return }
        let layout = explorer.layout
        drawBookmarkMarks(into: &buffer, layout: layout)
        drawSearchMarks(into: &buffer, layout: layout)
        if !state.showsHelp { drawBadges(into: &buffer) }
        if let line = bottomLine {
            let rect = layout.hints
            // A long message (an error's reason and where a recording was kept) wraps upwards
            // instead of being cut at the screen's edge.
            let lines = Self.wrap(line.text, width: rect.width - 2, maxLines: max(1, min(6, rect.y - 2)))
            for (index, text) in lines.enumerated() {
                let y = rect.y - (lines.count - 1) + index
                buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), with: .blank)
                _ = StyledText(" " + text, line.style).draw(into: &buffer, x: rect.x, y: y, maxX: rect.maxX)
            }
        }
        if let selected = bookmarkList { drawBookmarkList(into: &buffer, selected: selected) }
        if let list = tokenUnits { drawTokenUnits(into: &buffer, list: list) }
    }

    /// `text` in lines of at most `width` columns, broken at spaces where possible; at most
    /// `maxLines` lines (the last one ends with `…` when text is left over).
    static func wrap(_ text: String, width: Int, maxLines: Int) -> [String] {
        guard width > 0 else { return [""] }
        var lines: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            if lines.count == maxLines - 1 || GlyphWidth.columns(of: rest) <= width {
                if GlyphWidth.columns(of: rest) <= width {
                    lines.append(String(rest))
                } else {
                    lines.append(String(rest.prefix(max(0, width - 1))) + "…")
                }
                break
            }
            var cut = rest.startIndex
            var columns = 0
            var lastSpace: Substring.Index?
            while cut < rest.endIndex {
                let next = columns + GlyphWidth.columns(of: rest[cut])
                if next > width { break }
                if rest[cut] == " " { lastSpace = cut }
                columns = next
                cut = rest.index(after: cut)
            }
            let end = lastSpace.map { $0 > rest.startIndex ? $0 : cut } ?? cut
            lines.append(String(rest[..<end]))
            rest = rest[end...].drop { $0 == " " }
        }
        return lines.isEmpty ? [""] : lines
    }

    /// `♦` under every bookmarked step in view, on the time axis where it is free.
    func drawBookmarkMarks(into buffer: inout CellBuffer, layout: ExplorerLayout) {
        guard !bookmarks.isEmpty else { return }
        let y = layout.axis.y
        for mark in bookmarks {
            let local = mark.step - window.lowerBound
            guard let column = layout.timeWindow.column(of: local), local < state.totalSteps else { continue }
            let x = layout.heatmapX + column
            guard x < buffer.width, buffer[x, y].grapheme == " " else { continue }
            buffer.put("♦", x: x, y: y, style: ExplorerTheme.notice)
        }
    }

    /// The badges, right-aligned at the end of the status line's rule (before `t=N/T`).
    func drawBadges(into buffer: inout CellBuffer) {
        let items = badges
        guard !items.isEmpty else { return }
        var end = buffer.width - 1
        while end > 0 && buffer[end, 0].grapheme != "─" { end -= 1 }
        guard end > 0 else { return }
        var start = end
        while start > 0 && buffer[start - 1, 0].grapheme == "─" { start -= 1 }
        var text = StyledText()
        for item in items {
            text.add(" ")
            text.add(item.text, item.style)
        }
        text.add(" ")
        let room = end - start - 1
        guard room > 4 else { return }
        let width = min(text.width, room)
        _ = text.draw(into: &buffer, x: end - width, y: 0, maxX: end)
    }

    /// The bookmark list in a box.
    func drawBookmarkList(into buffer: inout CellBuffer, selected: Int) {
        let boxWidth = min(buffer.width - 2, 70)
        let visible = max(1, min(bookmarks.count, buffer.height - 6))
        let first = min(max(0, selected - visible / 2), max(0, bookmarks.count - visible))
        let boxHeight = visible + 3
        let rect = buffer.drawCenteredBox(width: boxWidth, height: boxHeight,
                                          title: " bookmarks (\(bookmarks.count)) · Enter jumps · d removes · Esc closes ")
        let x = rect.x, y = rect.y
        let digits = String(totalSteps).count
        for (offset, index) in (first..<min(bookmarks.count, first + visible)).enumerated() {
            let mark = bookmarks[index]
            let number = String(repeating: " ", count: max(0, digits - String(mark.step + 1).count)) + "\(mark.step + 1)"
            let note = mark.note.replacingNewlines()
            let line = " \(index == selected ? "▸" : " ") t=\(number)  \(note)"
            let style = index == selected ? ExplorerTheme.cursor : (mark.step == step ? ExplorerTheme.title : .plain)
            _ = StyledText(line, style).draw(into: &buffer, x: x + 1, y: y + 1 + offset, maxX: rect.maxX - 1)
        }
    }
}
