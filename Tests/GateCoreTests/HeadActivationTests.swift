#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import GateCore

/// A head's own activation (Keras `Dense(activation=…)`): hand-computed values, and every path that applies
/// a head (whole run, live stepping, checkpointed windows, interventions) giving the same activated output.
@Suite struct HeadActivationTests {
    /// One step of logits [1, 2, 3] and [0, 0, −1], activated.
    @Test(arguments: HeadActivation.allCases)
    func activationsMatchHandComputedValues(activation: HeadActivation) {
        var matrix = Matrix(rows: 2, columns: 3, values: [1, 2, 3, 0, 0, -1])
        activation.apply(to: &matrix)
        let x: [Double] = [1, 2, 3, 0, 0, -1]
        let expected: [Double]
        switch activation {
        case .linear: expected = x
        case .sigmoid: expected = x.map { 1 / (1 + exp(-$0)) }
        case .tanh: expected = x.map { Self.tanhDouble($0) }
        case .relu: expected = x.map { max(0, $0) }
        case .softmax:
            let first = x[0..<3].map { exp($0) }, second = x[3..<6].map { exp($0) }
            let a = first.reduce(0, +), b = second.reduce(0, +)
            expected = first.map { $0 / a } + second.map { $0 / b }
        }
        for (got, want) in zip(matrix.values, expected) {
            #expect(abs(Double(got) - want) <= 1e-6, "\(activation): \(matrix.values) vs \(expected)")
        }
    }

    /// tanh in Double from the C library.
    static func tanhDouble(_ x: Double) -> Double { tanh(x) }

    @Test func namesAreKerasNames() {
        #expect(HeadActivation(name: "softmax") == .softmax)
        #expect(HeadActivation(name: "None") == .linear)
        #expect(HeadActivation(name: "gelu") == nil)
        #expect(HeadActivation.namesList == "linear, softmax, sigmoid, tanh or relu")
    }

    @Test func aNaNRowStaysNaNUnderSoftmax() {
        var matrix = Matrix(rows: 2, columns: 2, values: [.nan, 1, 0, 0])
        HeadActivation.softmax.apply(to: &matrix)
        #expect(matrix.values[0].isNaN && matrix.values[1].isNaN)
        #expect(matrix.values[2] == 0.5 && matrix.values[3] == 0.5)
    }

    /// A 1-layer LSTM 2→4 with a softmax head 4→3.
    static func network(_ activation: HeadActivation) -> RecurrentNetwork {
        func matrix(_ rows: Int, _ columns: Int, _ seed: Float) -> Matrix {
            Matrix(rows: rows, columns: columns, values: (0..<rows * columns).map { sinf(Float($0) * 0.7 + seed) * 0.6 })
        }
        let lstm = LSTMWeights(inputWeights: matrix(16, 2, 1), recurrentWeights: matrix(16, 4, 2),
                               inputBias: matrix(1, 16, 3).values, recurrentBias: matrix(1, 16, 4).values)
        return RecurrentNetwork(layers: [[.lstm(lstm)]],
                                head: LinearHead(weights: matrix(3, 4, 5), bias: [0.1, -0.2, 0.3], activation: activation))
    }

    @Test func everyPathAppliesTheHeadsActivation() throws {
        let input = Matrix(rows: 40, columns: 2, values: (0..<80).map { cosf(Float($0)) })
        let softmax = Self.network(.softmax)
        let whole = try softmax.run(input)
        let output = try #require(whole.output)
        // The activated output is the softmax of the linear head's output, row by row.
        var expected = try #require(try Self.network(.linear).run(input).output)
        HeadActivation.softmax.apply(to: &expected)
        #expect(output.maxAbsDifference(expected) == 0)
        for t in 0..<output.rows { #expect(abs(output.row(t).reduce(0, +) - 1) <= 1e-6) }
        // Live stepping, in three pieces.
        var stepper = try SequenceStepper(network: softmax, input: input.rows(0..<3))
        try stepper.append(input.rows(3..<6))
        try stepper.append(input.rows(6..<40))
        #expect(try #require(stepper.trace.output).maxAbsDifference(output) <= 1e-6)
        // Windows of a checkpointed run.
        let checkpointed = try CheckpointedRun(network: softmax, input: input, chunkSize: 16)
        for chunk in 0..<checkpointed.chunkCount {
            let range = checkpointed.range(ofChunk: chunk)
            let window = try #require(checkpointed.trace(ofChunk: chunk).output)
            #expect(window.maxAbsDifference(output.rows(range)) <= 1e-6)
        }
        #expect(checkpointed.chunkCount > 1)
        #expect(softmax.summary.hasSuffix("head 4→3 softmax"))
        #expect(Self.network(.linear).summary.hasSuffix("head 4→3"))
    }
}
