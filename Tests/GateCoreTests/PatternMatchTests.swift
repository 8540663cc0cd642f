import GateCore
import Testing

/// Pattern select and match on a hand-made series whose answer is read off the numbers.
struct PatternMatchTests {
    /// 12 steps × 4 units (1 = on, 0 = off at threshold 0.5):
    /// unit 0: on at 2–4 and 8–10 · unit 1: on at 2–4 and 9 · unit 2: on everywhere · unit 3: on at 3 only.
    static func series() -> Matrix {
        var m = Matrix(rows: 12, columns: 4)
        for t in 0..<12 {
            m[t, 0] = (2...4).contains(t) || (8...10).contains(t) ? 0.9 : 0.1
            m[t, 1] = (2...4).contains(t) || t == 9 ? 0.8 : -0.2
            m[t, 2] = 0.7
            m[t, 3] = t == 3 ? 1 : 0
        }
        return m
    }

    @Test func thePatternIsTheUnitsOnThroughoutAndOffAround() {
        let found = PatternMatch(series: Self.series(), range: 2...4, threshold: 0.5)
        // Unit 2 is on throughout but also before and after; unit 3 is not on throughout.
        #expect(found.units == [0, 1])
        #expect(!found.relaxed)
        // Elsewhere at least one of the two is on at 8–10; both only at 9: overlap (1 + 2 + 1) / (3·2).
        #expect(found.matches.count == 1)
        #expect(found.matches.first?.steps == 8...10)
        #expect(abs((found.matches.first?.overlap ?? 0) - 4.0 / 6) < 1e-12)
    }

    @Test func withNoUnitOffAroundTheRangeTheConditionIsRelaxed() {
        let found = PatternMatch(series: Self.series(), range: 5...6, threshold: 0.5)
        #expect(found.units == [2] && found.relaxed)
        #expect(found.matches.map(\.steps) == [0...4, 7...11], "unit 2 is on everywhere else; ties go by length, then position")
    }

    @Test func matchesRankByOverlapThenLength() {
        var m = Matrix(rows: 20, columns: 2)
        for t in 0..<20 {
            m[t, 0] = [1, 2, 6, 7, 8, 12, 13, 16].contains(t) ? 1 : 0
            m[t, 1] = [1, 2, 6, 7, 12, 13, 17].contains(t) ? 1 : 0
        }
        let found = PatternMatch(series: m, range: 1...2, threshold: 0.5)
        #expect(found.units == [0, 1])
        // 12–13: both on, length 2 (= the range's) · 6–8: overlap 5/6 · 16–17: overlap 1/2.
        #expect(found.matches.map(\.steps) == [12...13, 6...8, 16...17])
    }

    @Test func aRangeNoUnitCoversFindsNothing() {
        let found = PatternMatch(series: Self.series(), range: 0...11, threshold: 0.95)
        #expect(found.units.isEmpty && found.matches.isEmpty)
    }
}
