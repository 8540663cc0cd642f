import GateCanvas

/// Key hints ("←/→ step", "c/C clamp", "{ } bias") that follow the keys a classroom preset disables:
/// a hint whose keys are all disabled is left out, and an arrow pair with one arrow disabled names
/// only the other ("← step").
public enum KeyHints {
    /// `items` less what `disabled` turns off; arrow pairs reduced to the arrow that still works.
    public static func enabled(_ items: [String], disabled: Set<Key>) -> [String] {
        guard !disabled.isEmpty else { return items }
        return items.compactMap { item in
            for (pair, first, second) in [("←/→", Key.left, Key.right), ("↑/↓", Key.up, Key.down)] where item.hasPrefix(pair + " ") {
                let rest = item.dropFirst(pair.count)
                switch (disabled.contains(first), disabled.contains(second)) {
                case (true, true): return nil
                case (true, false): return String(pair.last!) + rest
                case (false, true): return String(pair.first!) + rest
                case (false, false): return item
                }
            }
            let keys = self.keys(of: item)
            return !keys.isEmpty && keys.allSatisfy(disabled.contains) ? nil : item
        }
    }

    /// The keys a hint names before its meaning: "c/C clamp" → c, C; "{ } bias" → {, }; "space play"
    /// → space; "tab panel" → Tab.
    static func keys(of item: String) -> [Key] {
        let words = item.split(separator: " ", omittingEmptySubsequences: true)
        guard let first = words.first else { return [] }
        switch first {
        case "space": return [.character(" ")]
        case "tab": return [.tab]
        case "Esc": return [.escape]
        default: break
        }
        // "{ } bias", "[ ] layer": two single-character words.
        if first.count == 1, words.count > 2, words[1].count == 1, !words[1].first!.isLetter {
            return [.character(first.first!), .character(words[1].first!)]
        }
        return first.split(separator: "/").compactMap { $0.count == 1 ? .character($0.first!) : nil }
    }
}
