extension Key {
    /// Where a list's selection goes for this key: ↑ `k` one line up, ↓ `j` one down, within `count`
    /// lines; nil for any other key. Every list on screen (bookmarks, the `u` list) moves so.
    public func listSelection(from selected: Int, count: Int) -> Int? {
        switch self {
        case .up, .character("k"): max(0, selected - 1)
        case .down, .character("j"): min(max(0, count - 1), selected + 1)
        default: nil
        }
    }
}
