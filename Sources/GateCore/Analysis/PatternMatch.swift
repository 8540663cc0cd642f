/// LSTMVis-style pattern select and match (Strobelt et al. 2017, arXiv 1606.07461), on one series of
/// one layer: a range of steps is marked; the units that are on (value ≥ threshold) at every step of
/// the range and off at the step just before and just after it are the pattern; other places where
/// those units are on together are the matches, ranked by overlap.
public struct PatternMatch: Sendable, Equatable {
    /// One place where the pattern's units are on.
    public struct Match: Sendable, Equatable {
        /// The steps.
        public var steps: ClosedRange<Int>
        /// Mean fraction of the pattern's units on over those steps (1 = all of them throughout).
        public var overlap: Double

        /// A match from its parts.
        public init(steps: ClosedRange<Int>, overlap: Double) {
            self.steps = steps
            self.overlap = overlap
        }
    }

    /// The marked steps.
    public var range: ClosedRange<Int>
    /// The value at or above which a unit is on.
    public var threshold: Float
    /// The pattern's units (0-based), ascending.
    public var units: [Int]
    /// Whether the boundary condition (off just before and after) had to be dropped because no unit met it.
    public var relaxed: Bool
    /// The other places, best first: larger overlap, then length closer to the marked range's, then earlier.
    public var matches: [Match]

    /// Finds the pattern of `range` in `series` (T × H) and its matches. A match is a maximal run of
    /// steps (outside the marked range) where at least half of the pattern's units are on.
    public init(series: Matrix, range: ClosedRange<Int>, threshold: Float) {
        let steps = series.rows, width = series.columns
        let range = max(0, min(range.lowerBound, steps - 1))...max(0, min(range.upperBound, steps - 1))
        self.range = range
        self.threshold = threshold
        func on(_ t: Int, _ j: Int) -> Bool { series[t, j] >= threshold }
        let throughout = (0..<width).filter { j in steps > 0 && range.allSatisfy { on($0, j) } }
        let bounded = throughout.filter { j in
            (range.lowerBound == 0 || !on(range.lowerBound - 1, j)) && (range.upperBound == steps - 1 || !on(range.upperBound + 1, j))
        }
        relaxed = bounded.isEmpty && !throughout.isEmpty
        units = bounded.isEmpty ? throughout : bounded
        guard !units.isEmpty else {
            matches = []
            return
        }
        let needed = (units.count + 1) / 2
        var found: [Match] = []
        var t = 0
        while t < steps {
            let count = units.filter { on(t, $0) }.count
            guard count >= needed, !range.contains(t) else { t += 1; continue }
            var end = t, total = 0
            while end < steps, !range.contains(end) {
                let here = units.filter { on(end, $0) }.count
                if here < needed { break }
                total += here
                end += 1
            }
            found.append(Match(steps: t...(end - 1), overlap: Double(total) / Double((end - t) * units.count)))
            t = end
        }
        let length = range.count
        matches = found.sorted { a, b in
            if a.overlap != b.overlap { return a.overlap > b.overlap }
            let da = abs(a.steps.count - length), db = abs(b.steps.count - length)
            return da != db ? da < db : a.steps.lowerBound < b.steps.lowerBound
        }
    }
}
