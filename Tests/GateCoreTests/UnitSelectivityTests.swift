import GateCore
import Testing

/// The selectivity statistics against values worked out by hand.
struct UnitSelectivityTests {
    /// Unit 0 over six steps with keys [0, 1, 0, 1, 1, −1]; unit 1 is constant.
    static let series = Matrix(rows: 6, columns: 2, values: [1, 5, 2, 5, 3, 5, 4, 5, 5, 5, 6, 5])
    static let keys = [0, 1, 0, 1, 1, -1]

    @Test func scoreIsTheMeanDifferenceAndZIsWelchs() throws {
        let scores = UnitSelectivity.byKey(Self.series, keys: Self.keys, keyCount: 3)
        let key0 = try #require(scores[0])
        // In: steps 1, 3 → {1, 3}, mean 2, s² = 2. Out: {2, 4, 5, 6}, mean 4.25, s² = (5.0625+0.0625+0.5625+3.0625)/3 = 2.91667.
        #expect(abs(key0[0].score - (2 - 4.25)) < 1e-9)
        let expectedZ = -2.25 / (2.0 / 2 + 2.916_666_666_7 / 4).squareRoot()
        #expect(abs(key0[0].z - expectedZ) < 1e-6)
        #expect(key0[0].count == 2)
        // A constant unit: no difference; the floored standard error keeps z at 0.
        #expect(key0[1].score == 0 && key0[1].z == 0)
        // Key 2 never occurs.
        #expect(scores[2] == nil)
    }

    @Test func aSingleStepGroupBorrowsTheOtherGroupsVariance() throws {
        let series = Matrix(rows: 4, columns: 1, values: [10, 1, 2, 3])
        let scores = try #require(UnitSelectivity.byKey(series, keys: [0, 1, 1, 1], keyCount: 2)[0])
        // In {10}; out {1,2,3}: mean 2, s² = 1. se = √(1/1 + 1/3).
        #expect(abs(scores[0].score - 8) < 1e-9)
        #expect(abs(scores[0].z - 8 / (1 + 1.0 / 3).squareRoot()) < 1e-9)
    }

    @Test func correlationIsPearsonsRWithFishersZ() {
        let series = Matrix(rows: 5, columns: 1, values: [1, 2, 3, 4, 5])
        let values: [Float] = [2, 1, 4, 3, .nan]
        let score = UnitSelectivity.correlation(series, values: values)[0]
        // Steps 1–4: x = 1..4 (mean 2.5), v = 2,1,4,3 (mean 2.5): Σdxdv = 3, Σdx² = 5, Σdv² = 5 → r = 0.6.
        #expect(abs(score.score - 0.6) < 1e-9)
        #expect(score.count == 4)
        #expect(abs(score.z - 0.693_147_180_559_945_3 * 1) < 1e-9, "atanh(0.6) = ln 2, √(4−3) = 1")
    }

    @Test func networkRankingPutsTheStrongestUnitFirstPerKey() {
        let layer = LayerTrace(layer: 0, isReverse: false, kind: .rnnTanh,
                               series: [SeriesName.hidden: Matrix(rows: 4, columns: 3, values: [0, 0.1, 0.9, 0.2, 0.8, 0, 0, 0.1, 0.9, 0.2, 0.8, 0])])
        let trace = NetworkTrace(input: Matrix(rows: 4, columns: 1, values: [0, 1, 0, 1]), tokens: [0, 1, 0, 1], layers: [layer])
        let ranked = trace.unitResponses(series: SeriesName.hidden, keys: [0, 1, 0, 1], keyCount: 2, top: 1)
        #expect(ranked.map(\.key) == [0, 1])
        #expect(ranked.map(\.unit) == [2, 2], "unit 3 moves ±0.9, unit 2 ±0.7, unit 1 ±0.2")
        #expect(ranked[0].score > 0 && ranked[1].score < 0)
    }

    @Test func rankingByZPrefersTheConsistentUnit() {
        // Key 0 at steps 0, 2, 4, 6. Unit 1 jumps by 10 or 0 there (mean +5, noisy); unit 2 by exactly 1.
        let values: [Float] = [10, 1, 0, 0, 0, 1, 0, 0, 10, 1, 0, 0, 0, 1, 0, 0]
        let layer = LayerTrace(layer: 0, isReverse: false, kind: .rnnTanh,
                               series: [SeriesName.hidden: Matrix(rows: 8, columns: 2, values: values)])
        let keys = [0, 1, 0, 1, 0, 1, 0, 1]
        let trace = NetworkTrace(input: Matrix(rows: 8, columns: 1), tokens: keys, layers: [layer])
        let byScore = trace.unitResponses(series: SeriesName.hidden, keys: keys, keyCount: 2, top: 1)
        let byZ = trace.unitResponses(series: SeriesName.hidden, keys: keys, keyCount: 2, top: 1, order: UnitResponse.moreSignificantFirst)
        #expect(byScore.first?.unit == 0 && abs((byScore.first?.score ?? 0) - 5) < 1e-9)
        #expect(byZ.first?.unit == 1 && abs((byZ.first?.score ?? 0) - 1) < 1e-9)
    }
}
