import GateCanvas
import GateCore
import GateFormats
import Testing

/// `gatescope diff` compares the input and the head's output too: two traces whose layers agree but
/// whose heads differ are not "identical".
struct TraceComparisonOutputTests {
    static func trace(input: [Float], output: [Float]?) -> NetworkTrace {
        let hidden = Matrix(rows: 2, columns: 2, values: [0, 1, 2, 3])
        return NetworkTrace(input: Matrix(rows: 2, columns: input.count / 2, values: input),
                            layers: [LayerTrace(layer: 0, isReverse: false, kind: .rnnTanh, series: [SeriesName.hidden: hidden])],
                            output: output.map { Matrix(rows: 2, columns: $0.count / 2, values: $0) })
    }

    @Test func aDifferentHeadOutputIsADifference() throws {
        let a = Self.trace(input: [1, 2], output: [0.5, 0.25, 0.75, 1])
        let b = Self.trace(input: [1, 2], output: [0.5, 0.25, 0.75, 0.5])
        let comparison = try TraceComparison(a, b)
        #expect(!comparison.isIdentical(tolerance: 0))
        let output = try #require(comparison.differences.first { $0.series == "output" })
        #expect(output.name == "output" && output.maxAbs == 0.5 && output.step == 1 && output.unit == 1)
        #expect(comparison.differences.first { $0.series == "input" }?.maxAbs == 0)
        #expect(comparison.differences.first?.name == "l0.hidden")
        #expect(try TraceComparison(a, a).isIdentical(tolerance: 0))
    }

    @Test func aDifferentInputIsADifference() throws {
        let comparison = try TraceComparison(Self.trace(input: [1, 2], output: nil), Self.trace(input: [1, 3], output: nil))
        #expect(comparison.differences.first { $0.name == "input" }?.maxAbs == 1)
        #expect(!comparison.isIdentical(tolerance: 0.5))
    }

    @Test func outputsThatCannotBeComparedAreListed() throws {
        let comparison = try TraceComparison(Self.trace(input: [1, 2], output: [1, 2]),
                                             Self.trace(input: [1, 2, 3, 4], output: nil))
        #expect(comparison.unmatched.contains("output (only in A)"))
        #expect(comparison.unmatched.contains("input (1 wide in A, 2 in B)"))
        #expect(comparison.isIdentical(tolerance: 0))
    }
}
