import Testing
import GateCore
import GateFormats

/// The stepper on real fixture models: going back returns the very same numbers, and live input fed
/// in chunks matches the whole-sequence run.
struct GoldenStepperTests {
    /// A fixture network and its expected input.
    static func fixture(_ name: String) throws -> (RecurrentNetwork, Matrix) {
        let expected = try GoldenFixture.expected(name)
        let network = try ModelImporter.load(path: GoldenFixture.modelPath(name, expected: expected))
        return (network, try GoldenFixture.matrix(expected, "input"))
    }

    /// Every value at the stepper's current position, all layers and series.
    static func snapshot(_ stepper: SequenceStepper) -> [String: [Float]] {
        var values: [String: [Float]] = [:]
        for layer in stepper.trace.layers {
            for (name, matrix) in layer.series { values["\(layer.key).\(name)"] = matrix.row(stepper.position) }
        }
        if let output = stepper.trace.output { values["output"] = output.row(stepper.position) }
        return values
    }

    @Test(arguments: ["lstm_2layer", "gru_2layer_bidir", "lstm_proj", "rnn_tanh"])
    func steppingBackIsBitIdentical(_ name: String) throws {
        let (network, input) = try Self.fixture(name)
        var stepper = try SequenceStepper(network: network, input: input)
        var forward: [[String: [Float]]] = [Self.snapshot(stepper)]
        while stepper.stepForward() { forward.append(Self.snapshot(stepper)) }
        #expect(forward.count == input.rows)
        var t = input.rows - 1
        // Anchored to PyTorch: each position's values are the framework's, not only equal to themselves.
        let expected = try GoldenFixture.expected(name)
        var anchored = 0
        while stepper.stepBack() {
            t -= 1
            let now = Self.snapshot(stepper)
            for (key, values) in now {
                #expect(values.map(\.bitPattern) == forward[t][key]!.map(\.bitPattern), "\(name) \(key) at \(t)")
                guard expected.names.contains(key) else { continue }
                let torch = try GoldenFixture.matrix(expected, key).row(t)
                let worst = zip(values, torch).map { abs($0 - $1) }.max() ?? .infinity
                #expect(worst <= 2e-5, "\(name) \(key) at \(t) differs from PyTorch by \(worst)")
                anchored += 1
            }
        }
        #expect(t == 0)
        #expect(anchored >= input.rows - 1, "\(name): the stepped values were compared with PyTorch's")
        stepper.jump(to: 4)
        #expect(Self.snapshot(stepper).mapValues { $0.map(\.bitPattern) } == forward[4].mapValues { $0.map(\.bitPattern) })
    }

    @Test(arguments: ["lstm_4x6_head", "lstm_2layer", "gru_3x5", "rnn_relu_2layer", "lstm_proj"])
    func liveChunksMatchWholeRun(_ name: String) throws {
        let expected = try GoldenFixture.expected(name)
        var options = ModelImportOptions()
        if expected.metadata["kind"] == "rnn_relu" { options.nonlinearity = .relu }
        let network = try ModelImporter.load(path: GoldenFixture.modelPath(name, expected: expected), options: options)
        let input = try GoldenFixture.matrix(expected, "input")
        let whole = try network.run(input)
        var stepper = try SequenceStepper(network: network, input: input.rows(0..<1))
        var start = 1
        for chunk in [2, 1, 3, 100] where start < input.rows {
            let end = min(start + chunk, input.rows)
            try stepper.append(input.rows(start..<end))
            start = end
        }
        #expect(stepper.steps == input.rows)
        for layer in whole.layers {
            for (series, matrix) in layer.series {
                let live = stepper.trace.layer(layer.layer, reverse: layer.isReverse)?.series[series]
                #expect(live.map { $0.maxAbsDifference(matrix) } ?? .infinity <= 1e-6, "\(name) \(layer.key).\(series)")
            }
        }
        if let output = whole.output {
            #expect(stepper.trace.output.map { $0.maxAbsDifference(output) } ?? .infinity <= 1e-6)
        }
    }
}
