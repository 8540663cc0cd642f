import GateCanvas
import GateCore

extension ExplorerSessionApp {
    /// Steps the pattern search reads at most (from the start of the run).
    static let patternStepLimit = 200_000
    /// A hidden unit is "on" at or above this value.
    static let patternThreshold: Float = 0.3
    /// The best matches marked on the time axis (and walked by `n` / `N`).
    static let markedMatches = 20

    /// `m`: the first press marks where the pattern starts, the second where it ends; then the pattern's
    /// units and their matches are found (see ``PatternMatch``).
    mutating func markPattern() {
        guard let start = patternStart else {
            patternStart = step
            message = "pattern starts at t=\(step + 1): move to its end and press m again (Esc cancels)"
            return
        }
        patternStart = nil
        let range = min(start, step)...max(start, step)
        let limit = min(totalSteps, Self.patternStepLimit)
        guard range.upperBound < limit else {
            message = "patterns are found in the first \(limit) steps; mark a range there"
            return
        }
        let layer = state.layerIndex, reverse = state.isReverse
        let rows: NetworkTrace
        do {
            rows = try readCompleteRows(0..<limit)
        } catch {
            message = "cannot read the steps for the pattern: \(error)"
            return
        }
        guard let series = rows.layer(layer, reverse: reverse)?.series[SeriesName.hidden] else { return }
        let found = PatternMatch(series: series, range: range, threshold: Self.patternThreshold)
        let label = "layer \(layer + 1)\(reverse ? " ←" : "")"
        let span = "t=\(range.lowerBound + 1)–\(range.upperBound + 1)"
        guard !found.units.isEmpty else {
            pattern = nil
            message = "no unit of \(label) has h ≥ \(NumberFormat.fixed(Self.patternThreshold, 1)) at every step \(span); mark a shorter range"
            return
        }
        pattern = found
        patternIndex = nil
        let marked = [found.range] + found.matches.prefix(Self.markedMatches).map(\.steps)
        search = InputSearch(query: "pattern \(span)", matches: marked.sorted { $0.lowerBound < $1.lowerBound })
        let names = found.units.prefix(8).map { String($0 + 1) }.joined(separator: ", ") + (found.units.count > 8 ? " …" : "")
        let condition = found.relaxed ? "on throughout (none is also off just before and after)" : "on throughout, off just before and after"
        let count = found.matches.count
        message = "pattern \(span) of \(label): unit\(found.units.count == 1 ? "" : "s") \(names) \(condition) · "
            + (count == 0 ? "no other place matches"
                : "\(count) place\(count == 1 ? "" : "s") match\(count > Self.markedMatches ? " (best \(Self.markedMatches) marked)" : "") · M best next")
    }

    /// `M`: the next match, best first (wrapping).
    mutating func nextPatternMatch() {
        guard let pattern else {
            message = "no pattern yet: m marks a range's start, m again its end"
            return
        }
        guard !pattern.matches.isEmpty else {
            message = "no other place matches the pattern t=\(pattern.range.lowerBound + 1)–\(pattern.range.upperBound + 1)"
            return
        }
        let index = ((patternIndex ?? -1) + 1) % pattern.matches.count
        patternIndex = index
        let match = pattern.matches[index]
        moveCursor(to: match.steps.lowerBound, recordsPassed: false)
        message = "match \(index + 1) of \(pattern.matches.count): t=\(match.steps.lowerBound + 1)–\(match.steps.upperBound + 1), "
            + "\(NumberFormat.percent(Float(match.overlap))) of the pattern's units on · M next"
    }
}
