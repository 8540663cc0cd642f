import GateCanvas
import GateCore

extension ExplorerSessionApp {
    /// Keys: the note prompt, the bookmark list and typing take them first; then the session's own
    /// keys; steps are moved in the whole run; everything else goes to the explorer.
    mutating func handleKey(_ key: Key) -> AppAction {
        if notePrompt != nil { handlePromptKey(key); return .continue }
        if searchPrompt != nil { handleSearchKey(key); return .continue }
        if tokenUnits != nil { handleTokenUnitsKey(key); return .continue }
        if bookmarkList != nil { handleListKey(key); return .continue }
        if isTyping { handleTypingKey(key); return .continue }
        if state.goTo != nil {
            // The `:` prompt: the explorer goes to a step of the whole run; the rows follow.
            return passDown(.key(key))
        }
        if state.showsHelp {
            let action = explorer.handle(.key(key))
            if action == .quit { finishRecording() }
            return action
        }
        message = nil
        switch key {
        case .character("r"): toggleRecording(); return .continue
        case .character("b"): toggleBookmark(); return .continue
        case .character("'"): jumpToBookmark(forward: true); return .continue
        case .character("\""): jumpToBookmark(forward: false); return .continue
        case .character("B"):
            if bookmarks.isEmpty { message = "no bookmarks yet: b bookmarks the current step" } else { bookmarkList = 0 }
            return .continue
        case .character("T"): startTyping(); return .continue
        case .character("/"): searchPrompt = ""; return .continue
        case .character("u"): openTokenUnits(); return .continue
        case .character("m"): markPattern(); return .continue
        case .character("M"): nextPatternMatch(); return .continue
        case .escape where patternStart != nil:
            patternStart = nil
            message = "pattern cancelled"
            return .continue
        case .character("n"): jumpToMatch(forward: true); return .continue
        case .character("N"): jumpToMatch(forward: false); return .continue
        case .character(">"): moveCursor(to: step + max(1, heatmapWidth), recordsPassed: false); return .continue
        case .character("<"): moveCursor(to: step - max(1, heatmapWidth), recordsPassed: false); return .continue
        default: break
        }
        switch ExplorerKeys.command(for: key) {
        case .stepForward, .stepBack:
            return passDown(.key(key), recordsPassed: true)
        case .togglePlay:
            let action = passDown(.key(key))
            // The first tick after play steps at once.
            ticksSinceStep = ticksPerStep - 1
            return action
        case .quit:
            finishRecording()
            return .quit
        default:
            return passDown(.key(key))
        }
    }

    /// One tick: take live input, then step playback when its ticks have come (``ticksPerStep``).
    mutating func handleTick() {
        pollPendingRows()
        pollFeed()
        guard state.isPlaying, !state.showsHelp else { return }
        ticksSinceStep += 1
        guard ticksSinceStep >= ticksPerStep else { return }
        ticksSinceStep = 0
        _ = passDown(.tick, recordsPassed: true)
    }

    /// Lines that arrived on the live feed become steps; lines that are not rows are skipped, and the
    /// bottom line says how many and shows the last one.
    mutating func pollFeed() {
        guard let feed, !feedEnded else { return }
        // A flood is taken in bites (keys stay prompt); memory stays flat (``LiveRun``).
        let room = Self.liveLinesPerTick
        let (taken, ended) = feed.take(atMost: room)
        let lines = taken.count > room ? Array(taken.prefix(room)) : taken
        if !lines.isEmpty, let network = base.network {
            let parser = LiveRowParser(network: network)
            let parsed = parser.parse(lines)
            skippedInput += parsed.skipped.count
            skippedNonFinite += parsed.skipped.filter(parser.isNonFiniteRow).count
            appendRows(parsed.input, tokens: parsed.tokens)
            if let last = parsed.skipped.last, message == nil || message?.hasPrefix(Self.skippedNotePrefix) == true {
                message = skippedNote(last: last, parser: parser)
            }
        }
        if ended {
            feedEnded = true
            let unit = base.network.map { LiveRowParser(network: $0).readsCharacters } == true ? "character" : "line"
            message = "input ended after \(totalSteps) step\(totalSteps == 1 ? "" : "s")"
                + (skippedInput > 0 ? " (\(skippedInput) \(unit)\(skippedInput == 1 ? "" : "s") skipped)" : "")
                + (live?.storeError != nil ? "; " + forgottenNote : "")
        }
    }

    /// How the note on skipped live input starts (a newer note replaces it, no other message).
    static let skippedNotePrefix = "input skipped: "

    /// The note on live input that could not be read: how many lines (or characters) so far, what
    /// a row must be (rows with NaN or infinity counted apart), and the last one skipped (escaped as
    /// text from files is: `^[` for ESC; cut short).
    func skippedNote(last: String, parser: LiveRowParser) -> String {
        // Bytes that are not UTF-8 (binary input) show as `?`.
        let shown = Self.shown(String(last.prefix(24))).replacingOccurrences(of: "\u{FFFD}", with: "?") + (last.count > 24 ? "…" : "")
        let lines = skippedInput == 1 ? "1 line that is not" : "\(skippedInput) lines that are not"
        let what: String
        if parser.readsCharacters {
            what = "\(skippedInput) character\(skippedInput == 1 ? "" : "s") not in the vocabulary"
        } else if let embedding = parser.network.embedding {
            what = "\(lines) one token id (0–\(embedding.rows - 1))"
        } else if skippedNonFinite == 0 {
            what = "\(lines) \(parser.network.inputSize) numbers"
        } else if skippedNonFinite == skippedInput {
            what = "\(skippedInput) line\(skippedInput == 1 ? "" : "s") with NaN or infinity (numbers must be finite)"
        } else {
            what = "\(skippedInput) lines: \(skippedInput - skippedNonFinite) not \(parser.network.inputSize) numbers, "
                + "\(skippedNonFinite) with NaN or infinity"
        }
        return Self.skippedNotePrefix + what + " · last: '\(shown)'"
    }

    // MARK: Recording

    /// `r`: starts recording at the current step, or stops and saves.
    mutating func toggleRecording() {
        if recording != nil {
            finishRecording()
            return
        }
        guard let recordingSink else {
            message = "recording is not available here"
            return
        }
        do {
            recording = SessionRecording(stream: try recordingSink.begin())
        } catch {
            message = "cannot start recording: \(error)"
            return
        }
        record(step..<(step + 1))
        message = "recording: step, play or type; r stops and saves"
    }

    /// Saves the recording in progress, if any, and says where.
    mutating func finishRecording() {
        guard let done = recording else { return }
        recording = nil
        guard done.steps > 0 else {
            done.stream.discard()
            message = "nothing recorded"
            return
        }
        let marks = bookmarks.compactMap { mark in done.row(ofStep: mark.step).map { StepBookmark(step: $0, note: mark.note) } }
        do {
            let path = try done.stream.finish(bookmarks: marks, edits: done.edits, origin: done.recordedSteps)
            savedRecordings.append(path)
            message = "saved \(done.steps) recorded steps to \(path)"
        } catch {
            message = "could not save the recording: \(error)"
        }
    }

    // MARK: Bookmarks

    /// `b`: removes the bookmark here, or opens the note prompt for a new one.
    mutating func toggleBookmark() {
        if let index = bookmarks.firstIndex(where: { $0.step == step }) {
            bookmarks.remove(at: index)
            saveBookmarks(saying: "bookmark at t=\(step + 1) removed")
        } else {
            notePrompt = (step, "")
        }
    }

    /// Adds (or replaces) a bookmark and saves.
    public mutating func addBookmark(step: Int, note: String) {
        bookmarks.removeAll { $0.step == step }
        bookmarks.append(StepBookmark(step: step, note: note))
        bookmarks.sort { $0.step < $1.step }
        saveBookmarks(saying: "bookmarked t=\(step + 1)")
    }

    /// Saves the bookmarks, when there is a store, and sets the message.
    mutating func saveBookmarks(saying text: String) {
        guard let bookmarkStore else {
            message = text + " (kept with the next recording)"
            return
        }
        do {
            try bookmarkStore.save(bookmarks)
            message = text + " · saved to \(bookmarkStore.path)"
        } catch {
            message = "could not save the bookmarks: \(error)"
        }
    }

    /// `'` / `"`: the next / previous bookmark.
    mutating func jumpToBookmark(forward: Bool) {
        let target = forward ? bookmarks.first { $0.step > step } : bookmarks.last { $0.step < step }
        guard let target else {
            message = bookmarks.isEmpty ? "no bookmarks yet: b bookmarks the current step"
                : "no bookmark \(forward ? "after" : "before") t=\(step + 1)"
            return
        }
        moveCursor(to: target.step, recordsPassed: false)
        message = "bookmark t=\(target.step + 1)" + (target.note.isEmpty ? "" : ": \(target.note)")
    }

    mutating func handlePromptKey(_ key: Key) {
        guard let prompt = notePrompt else { return }
        switch key {
        case .escape:
            notePrompt = nil
            message = "no bookmark added"
        case .enter:
            notePrompt = nil
            addBookmark(step: prompt.step, note: prompt.text)
        case .backspace, .delete:
            notePrompt = (prompt.step, String(prompt.text.dropLast()))
        case .character(let character):
            notePrompt = (prompt.step, prompt.text + String(character))
        case .tab:
            notePrompt = (prompt.step, prompt.text + " ")
        default:
            break
        }
    }

    mutating func handleListKey(_ key: Key) {
        guard let selected = bookmarkList else { return }
        if let moved = key.listSelection(from: selected, count: bookmarks.count) {
            bookmarkList = moved
            return
        }
        switch key {
        case .escape, .character("B"), .character("q"):
            bookmarkList = nil
        case .enter:
            bookmarkList = nil
            if selected < bookmarks.count { moveCursor(to: bookmarks[selected].step, recordsPassed: false) }
        case .delete, .backspace, .character("d"):
            guard selected < bookmarks.count else { return }
            let removed = bookmarks.remove(at: selected)
            saveBookmarks(saying: "bookmark at t=\(removed.step + 1) removed")
            if bookmarks.isEmpty { bookmarkList = nil } else { bookmarkList = min(selected, bookmarks.count - 1) }
        default:
            break
        }
    }

    // MARK: Typing

    /// `T`: typed characters become steps (character models with a unidirectional network).
    mutating func startTyping() {
        guard let network = base.network, LiveRowParser(network: network).readsCharacters else {
            message = "typing needs a character model (a vocabulary of single characters)"
            return
        }
        guard makeLiveRun() else {
            message = source != nil ? "typing needs the model, not a trace file"
                : "typing needs a one-directional model (a bidirectional one must see the whole sequence)"
            return
        }
        isTyping = true
        moveCursor(to: totalSteps - 1, recordsPassed: false)
        isFollowing = true
    }

    /// Appends the characters typed (as steps), until Esc.
    public mutating func type(_ text: String) {
        guard let network = base.network else { return }
        let parser = LiveRowParser(network: network)
        var tokens: [Int] = []
        var unknown: [Character] = []
        for character in text {
            if let id = parser.token(for: character) { tokens.append(id) } else { unknown.append(character) }
        }
        if !unknown.isEmpty { message = "not in the vocabulary: " + unknown.map { "'\($0)'" }.joined(separator: " ") }
        guard !tokens.isEmpty else { return }
        isFollowing = true
        appendRows(parser.encode(tokens), tokens: tokens)
    }

    /// A burst of events: in typing mode a run of typed characters (a paste) becomes one `type`
    /// call, so 10,000 pasted characters are stepped in one go instead of one append per key.
    public mutating func handle(burst events: [InputEvent]) -> AppAction {
        var typed = ""
        func flush(_ app: inout ExplorerSessionApp) {
            guard !typed.isEmpty else { return }
            app.message = nil
            app.type(typed)
            typed = ""
        }
        for event in events {
            if isTyping, notePrompt == nil, bookmarkList == nil, case .key(let key) = event {
                switch key {
                case .character(let character): typed.append(character); continue
                case .enter: typed.append("\n"); continue
                default: break
                }
            }
            flush(&self)
            if handle(event) == .quit { return .quit }
        }
        flush(&self)
        return .continue
    }

    mutating func handleTypingKey(_ key: Key) {
        switch key {
        case .escape:
            isTyping = false
            message = "typing off · \(totalSteps) step\(totalSteps == 1 ? "" : "s")"
        case .character(let character):
            message = nil
            type(String(character))
        case .enter:
            message = nil
            type("\n")
        case .tab:
            type("\t")
        case .left, .right, .home, .end:
            _ = passDown(.key(key), recordsPassed: key == .left || key == .right)
        default:
            break
        }
    }
}
