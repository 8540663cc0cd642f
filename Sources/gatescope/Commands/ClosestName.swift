import GateCanvas
/// "Did you mean" for misspelt names (demos, lessons): the known name nearest by edit distance.
enum ClosestName {
    /// The name in `names` closest to `typed` (case-insensitive Levenshtein distance, also against a
    /// name without its `NN-` order prefix), when it is close enough to be a likely typo: at most a
    /// third of the longer spelling's length, and at least 1 and at most 3 edits.
    static func suggestion(for typed: String, among names: [String]) -> String? {
        let word = typed.lowercased()
        var best: (name: String, distance: Int)?
        for name in names {
            var spellings = [name.lowercased()]
            if let dash = name.firstIndex(of: "-"), name[..<dash].allSatisfy(\.isNumber), !name[..<dash].isEmpty {
                spellings.append(String(name[name.index(after: dash)...]).lowercased())
            }
            for spelling in spellings {
                let distance = editDistance(word, spelling)
                let limit = min(3, max(1, max(word.count, spelling.count) / 3))
                guard distance <= limit else { continue }
                if best == nil || distance < best!.distance { best = (name, distance) }
            }
        }
        return best?.name
    }

    /// `" (did you mean 'NAME'?)"`, or empty when nothing is close.
    static func hint(for typed: String, among names: [String]) -> String {
        suggestion(for: typed, among: names).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// The Levenshtein distance between two strings, by characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
