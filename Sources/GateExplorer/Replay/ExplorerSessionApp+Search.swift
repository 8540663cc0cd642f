import GateCanvas
import GateCore

extension ExplorerSessionApp {
    /// Token ids of the whole run.
    var runTokens: [Int]? {
        if let stepper { return stepper.trace.tokens }
        if let source { return source.tokens }
        return memoryTrace.tokens
    }

    /// Annotation tracks of the whole run.
    var runAnnotations: [AnnotationTrack] {
        if let source { return source.annotations }
        return stepper == nil ? memoryTrace.annotations : []
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

    /// `▴` under every step of a match in view, on the time axis where it is free.
    func drawSearchMarks(into buffer: inout CellBuffer, layout: ExplorerLayout) {
        guard let search, !search.matches.isEmpty else { return }
        let y = layout.axis.y
        let first = window.lowerBound, last = window.lowerBound + state.totalSteps - 1
        for match in search.matches where match.upperBound >= first && match.lowerBound <= last {
            for global in max(first, match.lowerBound)...min(last, match.upperBound) {
                guard let column = layout.timeWindow.column(of: global - first) else { continue }
                let x = layout.heatmapX + column
                guard x < buffer.width, buffer[x, y].grapheme == " " else { continue }
                buffer.put("▴", x: x, y: y, style: ExplorerTheme.notice)
            }
        }
    }

    /// Text typed by a person, made safe to show (control characters as `·`).
    static func shown(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "·" : $0 }))
    }
}
