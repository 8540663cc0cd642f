import GateCanvas
import Testing
import GateCore
import GateFormats

/// `gatescope diff`'s comparison: per series max and mean |Δ|, where, NaN handling, shape checks.
@Suite struct CompareTraceDiffTests {
    static func trace(_ values: [Float]) -> NetworkTrace {
        let matrix = Matrix(rows: values.count / 2, columns: 2, values: values)
        return NetworkTrace(input: Matrix(rows: matrix.rows, columns: 1),
                            layers: [LayerTrace(layer: 0, isReverse: false, kind: .rnnTanh, series: [SeriesName.hidden: matrix])])
    }

    @Test func reportsLargestDifferenceAndWhere() throws {
        let a = Self.trace([0, 1, 2, 3, 4, 5])
        let b = Self.trace([0, 1, 2, 3.5, 4, 5.25])
        let comparison = try TraceComparison(a, b, chunkRows: 2)
        let d = try #require(comparison.differences.first)
        #expect(d.maxAbs == 0.5 && d.step == 1 && d.unit == 1)
        #expect(d.values == (3, 3.5) || (d.values.0 == 3 && d.values.1 == 3.5))
        #expect(abs(d.meanAbs - 0.75 / 6) < 1e-12)
        #expect(!comparison.isIdentical(tolerance: 0.4))
        #expect(comparison.isIdentical(tolerance: 0.5))
        #expect(try TraceComparison(a, a).isIdentical(tolerance: 0))
    }

    @Test func nanMismatchesAndLengthsAreCaught() throws {
        let nan = Self.trace([0, .nan, 2, 3])
        #expect(try TraceComparison(nan, nan).isIdentical(tolerance: 0))
        let comparison = try TraceComparison(nan, Self.trace([0, 1, 2, 3]))
        #expect(comparison.differences[0].nanMismatches == 1)
        #expect(!comparison.isIdentical(tolerance: 1e9))
        #expect(throws: FormatError.self) { try TraceComparison(nan, Self.trace([0, 1])) }
    }

    @Test(arguments: [false, true])
    func aNaNOnEitherSideIsANaNDifferenceNotInfinity(nanInB: Bool) throws {
        // A large numeric difference at step 1 and NaN against 5 at step 2: the NaN is what is reported.
        let numbers = Self.trace([0, 1, 2, 3, 4, 5]), changed = Self.trace([0, 101, 2, 3, 4, .nan])
        let comparison = try TraceComparison(nanInB ? numbers : changed, nanInB ? changed : numbers, chunkRows: 1)
        let d = try #require(comparison.differences.first { $0.series == SeriesName.hidden })
        #expect(d.maxAbs.isNaN && d.step == 2 && d.unit == 1 && d.nanMismatches == 1)
        #expect(nanInB ? (d.values.0 == 5 && d.values.1.isNaN) : (d.values.0.isNaN && d.values.1 == 5))
        #expect(abs(d.meanAbs - 100.0 / 6) < 1e-9)
        #expect(comparison.maxAbs.isNaN)
        #expect(!comparison.isIdentical(tolerance: 1e9))
        // Infinity stays for what is infinite: +inf against a number.
        let infinite = try TraceComparison(Self.trace([0, .infinity]), Self.trace([0, 1]))
        #expect(infinite.differences[0].maxAbs == .infinity && infinite.differences[0].nanMismatches == 0)
    }
}
