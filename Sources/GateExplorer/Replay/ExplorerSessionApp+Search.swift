import GateCanvas
import GateCore

extension ExplorerSessionApp {
    /// Token ids of the whole run (−1, matching nothing, for steps a growing run could not keep).
    var runTokens: [Int]? {
        if let live { return (try? live.allTokens()) ?? nil }
        if let source { return source.tokens }
        return memoryTrace.tokens
    }

    /// Annotation tracks of the whole run.
    var runAnnotations: [AnnotationTrack] {
        if let source { return source.annotations }
        return live == nil ? memoryTrace.annotations : []
    }

    /// Searches the whole run for `query` and jumps to the first match after the cursor.
    public mutating func startSearch(_ query: String) {
        let vocabulary = base.vocabulary
        switch InputSearch.find(query, tokens: runTokens, vocabulary: vocabulary, annotations: runAnnotations) {
        case .failure(.emptyQuery):
            message = search.map { "searching for '\($0.query)' still · n next · N previous" } ?? "nothing to search for"
        case .failure(.numericInput(let tracks)):
            message = tracks.isEmpty
                ? "this input is numbers, not text: there is nothing to search (annotations can be: --annotate FILE.csv)"
                : "this input is numbers, not text; search an annotation: /\(tracks[0]):TEXT"
        case .success(let found):
            search = found
            guard !found.matches.isEmpty else {
                message = "no match for '\(Self.shown(query))'"
                return
            }
            jumpToMatch(forward: true)
        }
    }

    /// `n` / `N`: the next / previous match (wrapping round the run).
    mutating func jumpToMatch(forward: Bool) {
        guard let search else {
            message = "no search yet: / searches the input"
            return
        }
        guard let (index, wrapped) = forward ? search.next(after: step) : search.previous(before: step) else {
            message = "no match for '\(Self.shown(search.query))'"
            return
        }
        let match = search.matches[index]
        moveCursor(to: match.lowerBound, recordsPassed: false)
        let wrap = wrapped ? (forward ? " · wrapped to the start" : " · wrapped to the end") : ""
        message = "'\(Self.shown(search.query))' match \(index + 1) of \(search.matches.count) at t=\(match.lowerBound + 1)\(wrap) · n next · N previous"
    }

    /// Keys while the search prompt is open.
    mutating func handleSearchKey(_ key: Key) {
        guard let prompt = searchPrompt else { return }
        switch key {
        case .escape:
            searchPrompt = nil
            message = nil
        case .enter:
            searchPrompt = nil
            startSearch(prompt)
        case .backspace, .delete:
            if prompt.isEmpty { searchPrompt = nil } else { searchPrompt = String(prompt.dropLast()) }
        case .character(let character):
            if prompt.count < 200 { searchPrompt = prompt + String(character) }
        default:
            break
        }
    }

    /// Matches in view: their input characters underlined in the match colour, and `▴` on the time axis
    /// under their steps where the axis is free (not next to the cursor's label).
    func drawSearchMarks(into buffer: inout CellBuffer, layout: ExplorerLayout) {
        guard let search, !search.matches.isEmpty else { return }
        let first = window.lowerBound, last = window.lowerBound + state.totalSteps - 1
        var columns = Set<Int>()
        for match in search.matches where match.upperBound >= first && match.lowerBound <= last {
            for global in max(first, match.lowerBound)...min(last, match.upperBound) {
                guard let column = layout.timeWindow.column(of: global - first) else { continue }
                columns.insert(layout.heatmapX + column)
            }
        }
        let inputY = layout.input.y, axisY = layout.axis.y
        func free(_ x: Int) -> Bool { x < 0 || x >= buffer.width || buffer[x, axisY].grapheme == " " }
        let marks = columns.filter { x in
            x < buffer.width && buffer[x, axisY].grapheme == " " && free(x - 1) && free(x + 1)
        }
        for x in columns where x < buffer.width && layout.input.height > 0 {
            var cell = buffer[x, inputY]
            guard !cell.style.reverse, !cell.grapheme.isEmpty else { continue }
            cell.style.underline = true
            cell.style.foreground = ExplorerTheme.notice.foreground
            buffer[x, inputY] = cell
        }
        for x in marks { buffer.put("▴", x: x, y: axisY, style: ExplorerTheme.notice) }
    }

    /// Text typed by a person, made safe to show (control characters as `·`).
    static func shown(_ text: String) -> String { ExplorerFrame.visibleLabel(text) }
}
