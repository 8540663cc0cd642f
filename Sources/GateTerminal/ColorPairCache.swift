import CNcursesw

/// Hands out ncurses colour pairs for (foreground, background) colour numbers, allocating lazily.
///
/// ncurses has a fixed number of pairs and repaints every cell of a pair that is redefined, so
/// pairs are never reused while the cache lives: when it is full, ``pair(foreground:background:)``
/// returns nil and the caller resets the cache and redraws the whole screen.
final class ColorPairCache {
    private struct Key: Hashable {
        var foreground: Int32
        var background: Int32
    }

    private var pairs: [Key: Int32] = [:]
    private var next: Int32 = 1
    private let limit: Int32

    /// Creates a cache for pairs 1..<`limit` (pair 0 is the terminal default).
    init(limit: Int32) {
        self.limit = limit
    }

    /// Pairs in use.
    var count: Int { pairs.count }

    /// The pair for the colours (-1 = terminal default), or nil when every pair is taken.
    func pair(foreground: Int32, background: Int32) -> Int32? {
        if foreground == -1 && background == -1 { return 0 }
        let key = Key(foreground: foreground, background: background)
        if let pair = pairs[key] { return pair }
        guard next < limit else { return nil }
        let pair = next
        guard init_extended_pair(pair, foreground, background) == OK else { return 0 }
        next += 1
        pairs[key] = pair
        return pair
    }

    /// Forgets every pair (and tells ncurses to), so allocation starts again at 1.
    func reset() {
        pairs.removeAll(keepingCapacity: true)
        next = 1
        reset_color_pairs()
    }
}
