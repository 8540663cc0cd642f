import GateCanvas
/// The lesson's panel under the explorer: the stop's heading, narration, question (and answer), the
/// latest message or quiz result, and the teaching keys.
public struct NarrationPanel {
    /// The session drawn.
    public let session: TeachingSession

    /// The lines, wrapped to `width`.
    public func lines(width: Int, narration: Bool = true) -> [StyledText] {
        var result: [StyledText] = []
        if let lesson = session.lesson, let stop = session.stop {
            let where_ = "stop \(session.stopIndex + 1)/\(lesson.stops.count): "
            var head = StyledText("▌" + lesson.title, TeachingTheme.highlight)
            head.add(" · " + where_ + stop.title, ExplorerTheme.title)
            if head.width > width {
                // Too narrow for the lesson's title too: the stop's title matters more; cut it with "…".
                var title = stop.title
                let room = width - 1 - GlyphWidth.columns(of: where_)
                if GlyphWidth.columns(of: title) > room { title = String(title.prefix(max(1, room - 1))) + "…" }
                head = StyledText("▌" + where_ + title, ExplorerTheme.title)
            }
            result.append(head)
            if narration && session.shows("narration") {
                let paragraph = stop.narration.joined(separator: " ")
                result += StyledText(" " + paragraph, TeachingTheme.narration).wrapped(width: width, indent: 1)
            }
            if session.shows("question"), let question = stop.question, session.quiz.stopQuestion == nil {
                result += StyledText(" ? " + question + (stop.answer != nil && !session.showsAnswer ? "  (A: answer)" : ""),
                                     TeachingTheme.question).wrapped(width: width, indent: 3)
                if session.showsAnswer, let answer = stop.answer {
                    result += StyledText(" → " + answer, TeachingTheme.answer).wrapped(width: width, indent: 3)
                }
            }
        }
        if session.quiz.isOn && session.shows("quiz") {
            if let question = session.quiz.stopQuestion {
                result += StyledText(" QUIZ: " + question + "  (A reveals the answer · ↑ the class got it · ↓ not yet · Esc skips)",
                                     TeachingTheme.question).wrapped(width: width, indent: 3)
                if session.showsAnswer, let answer = session.stop?.answer {
                    result += StyledText(" → " + answer, TeachingTheme.answer).wrapped(width: width, indent: 3)
                }
            } else if let pending = session.quiz.pending {
                result.append(StyledText(" QUIZ: will \(pending.word) of unit \(pending.unit + 1) go ↑ up or ↓ down at t=\(pending.step + 2)? (↑/↓, Esc skips)", TeachingTheme.question))
            } else {
                result.append(StyledText(" " + (session.quiz.lastResult ?? "quiz on: " + session.quizPrompt), TeachingTheme.answer))
            }
        }
        if let message = session.message { result.append(StyledText(" " + message, ExplorerTheme.notice)) }
        return result
    }

    /// The key hint line: the lesson's keys first; those that do not fit go from the end, whole.
    public func hints() -> StatusBar {
        var items: [String] = []
        if session.lesson != nil { items += ["n next stop", "N back", "A answer"] }
        if session.spatial != nil {
            // The ConvLSTM screen lists its own keys; the gradient, what-if, quiz and presenter keys do not apply there.
            items += ["t narration", "q quit"]
        } else {
            items += ["f gradient", "w what-if", "c/C clamp", "{ } bias", "u undo", "z quiz", "P present"]
        }
        return StatusBar.hints(KeyHints.enabled(items, disabled: session.disabledKeys), pinned: [], style: ExplorerTheme.dim)
    }

    /// `line` shortened to at most `width` columns, whole words dropped from its end (so the
    /// "read all" marker that follows is never itself cut by the screen's edge).
    static func cut(_ line: StyledText, toFit width: Int) -> StyledText {
        guard line.width > width else { return line }
        var result = StyledText()
        var used = 0
        for piece in line.pieces {
            let room = width - used
            if GlyphWidth.columns(of: piece.text) <= room {
                result.add(piece.text, piece.style)
                used += GlyphWidth.columns(of: piece.text)
                continue
            }
            var text = ""
            for character in piece.text {
                if GlyphWidth.columns(of: text + String(character)) > room { break }
                text.append(character)
            }
            // Keep only whole words of the piece that does not fit (none when it is one word).
            text = text.lastIndex(of: " ").map { String(text[..<$0]) } ?? ""
            if !text.isEmpty { result.add(text, piece.style) }
            break
        }
        if let last = result.pieces.indices.last, result.pieces[last].text.hasSuffix(" ") {
            result.pieces[last].text.removeLast()
        }
        return result
    }

    /// Draws the lines that fit into `rect` (the hint line last when there is room: the narration comes
    /// first, and `?` lists the keys).
    public func draw(into buffer: inout CellBuffer, rect: Rect) {
        var shown = lines(width: rect.width - 1)
        let wantsHints = session.shows("hints") && rect.height >= 3 && shown.count < rect.height
        let room = rect.height - (wantsHints ? 1 : 0)
        if shown.count > room {
            // Keep the heading, the question and the latest message; cut the narration's end.
            let narration = shown.count - 1 - (lines(width: rect.width - 1, narration: false).count - 1)
            let cut = min(narration, shown.count - room)
            if cut > 0 && narration > cut {
                let lastKept = narration - cut
                shown.removeSubrange((1 + lastKept)..<(1 + narration))
                let marker = " … (t: read all)"
                shown[lastKept] = Self.cut(shown[lastKept], toFit: rect.width - 1 - GlyphWidth.columns(of: marker))
                shown[lastKept].add(marker, ExplorerTheme.dim)
            }
            if shown.count > room { shown = Array(shown.prefix(room)) }
        }
        for (offset, line) in shown.enumerated() {
            line.draw(into: &buffer, x: rect.x, y: rect.y + offset, maxX: rect.maxX)
        }
        if wantsHints { hints().draw(in: Rect(x: rect.x, y: rect.maxY - 1, width: rect.width, height: 1), into: &buffer) }
    }
}
