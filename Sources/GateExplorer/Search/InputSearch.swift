import GateCore

/// Finds the steps whose input matches a query (`/` in the explorer).
///
/// Text input: the query is a substring of the input text (the tokens' strings one after another; a
/// word vocabulary's tokens joined by spaces); each match is the steps its characters come from (overlapping matches count; one per starting step).
/// Case-insensitive unless the query has a capital letter ("smart case"). `NAME:TEXT`, where NAME is
/// an annotation track, matches the steps whose label (or number) in that track contains TEXT (a label
/// lasting several steps is one match).
public struct InputSearch: Sendable, Equatable {
    /// The query as typed.
    public var query: String
    /// The matches, in order: the steps each one covers.
    public var matches: [ClosedRange<Int>]

    /// A search with its matches.
    public init(query: String, matches: [ClosedRange<Int>]) {
        self.query = query
        self.matches = matches
    }

    /// Why a search found nothing to search.
    public enum Problem: Error, Equatable, Sendable {
        /// The input is numbers, and no annotation track was named.
        case numericInput(tracks: [String])
        /// The query is empty.
        case emptyQuery
    }

    /// Searches the input (`tokens` with `vocabulary`) and the `annotations` for `query`.
    public static func find(_ query: String, tokens: [Int]?, vocabulary: [String]?,
                            annotations: [AnnotationTrack]) -> Result<InputSearch, Problem> {
        guard !query.isEmpty else { return .failure(.emptyQuery) }
        if let colon = query.firstIndex(of: ":"), colon != query.startIndex,
           let track = annotations.first(where: { $0.name == String(query[..<colon]) }) {
            let wanted = String(query[query.index(after: colon)...])
            let fold = foldsCase(wanted)
            var matches: [ClosedRange<Int>] = []
            var previous: String?
            for step in 0..<track.steps {
                let text = track.text(at: step)
                defer { previous = text }
                guard !text.isEmpty else { continue }
                guard wanted.isEmpty || contains(fold ? text.lowercased() : text, fold ? wanted.lowercased() : wanted) else { continue }
                // A label lasting several steps is one match.
                if let last = matches.last, last.upperBound == step - 1, previous == text {
                    matches[matches.count - 1] = last.lowerBound...step
                } else {
                    matches.append(step...step)
                }
            }
            return .success(InputSearch(query: query, matches: matches))
        }
        guard let tokens, let vocabulary else { return .failure(.numericInput(tracks: annotations.map(\.name))) }
        return .success(InputSearch(query: query, matches: textMatches(query, tokens: tokens, vocabulary: vocabulary)))
    }

    /// The matches of `query` in the text of `tokens`.
    static func textMatches(_ query: String, tokens: [Int], vocabulary: [String]) -> [ClosedRange<Int>] {
        let fold = foldsCase(query)
        let needle = Array((fold ? query.lowercased() : query).unicodeScalars)
        let joiner: [Unicode.Scalar] = vocabulary.allSatisfy({ $0.unicodeScalars.count <= 1 }) ? [] : [" "]
        var haystack: [Unicode.Scalar] = []
        var stepOf: [Int] = []
        for (step, id) in tokens.enumerated() {
            if step > 0, !joiner.isEmpty {
                haystack += joiner
                stepOf.append(step)
            }
            let text = id >= 0 && id < vocabulary.count ? vocabulary[id] : ""
            for scalar in (fold ? text.lowercased() : text).unicodeScalars {
                haystack.append(scalar)
                stepOf.append(step)
            }
        }
        guard !needle.isEmpty, needle.count <= haystack.count else { return [] }
        var matches: [ClosedRange<Int>] = []
        var start = 0
        while start + needle.count <= haystack.count {
            if haystack[start] == needle[0], Array(haystack[start..<(start + needle.count)]) == needle {
                let first = stepOf[start], last = stepOf[start + needle.count - 1]
                if matches.last?.lowerBound != first { matches.append(first...last) }
            }
            start += 1
        }
        return matches
    }

    /// Whether the search ignores case: the query has no capital letter.
    static func foldsCase(_ query: String) -> Bool { query == query.lowercased() }

    /// Whether `text` contains `part`.
    static func contains(_ text: String, _ part: String) -> Bool {
        let haystack = Array(text.unicodeScalars), needle = Array(part.unicodeScalars)
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count else { return false }
        for start in 0...(haystack.count - needle.count) where Array(haystack[start..<(start + needle.count)]) == needle {
            return true
        }
        return false
    }

    /// The index of the first match starting after `step` (wrapping to the first), and whether it wrapped.
    public func next(after step: Int) -> (index: Int, wrapped: Bool)? {
        guard !matches.isEmpty else { return nil }
        if let index = matches.firstIndex(where: { $0.lowerBound > step }) { return (index, false) }
        return (0, true)
    }

    /// The index of the last match starting before `step` (wrapping to the last), and whether it wrapped.
    public func previous(before step: Int) -> (index: Int, wrapped: Bool)? {
        guard !matches.isEmpty else { return nil }
        if let index = matches.lastIndex(where: { $0.lowerBound < step }) { return (index, false) }
        return (matches.count - 1, true)
    }
}
