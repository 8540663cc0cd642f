import Testing
import GateCore
import GateFormats

/// Networks that read backward or start from a given state (ONNX `direction=reverse`, constant
/// `initial_h`/`initial_c`): the whole-sequence run, the stepper's live input and the recorder agree
/// with the layer runs they are made of.
struct NetworkStartStateTests {
    /// The 2-layer LSTM fixture.
    static func fixture() throws -> (RecurrentNetwork, Matrix) { try GoldenStepperTests.fixture("lstm_2layer") }

    /// A state for each layer of `network`, values from a fixed pattern.
    static func states(for network: RecurrentNetwork) -> [[RecurrentState]] {
        network.layers.enumerated().map { index, layer in
            layer.map { weights in
                let zero = RecurrentState.zero(for: weights)
                return RecurrentState(hidden: zero.hidden.indices.map { Float(($0 + index) % 5) / 5 - 0.4 },
                                      cell: zero.cell.indices.map { Float(($0 * 3 + index) % 7) / 7 - 0.5 })
            }
        }
    }

    @Test func readingBackwardRunsEveryLayerInReverse() throws {
        var (network, input) = try Self.fixture()
        network.readsBackward = true
        try network.validate()
        #expect(network.needsWholeSequence)
        let trace = try network.run(input)
        var current = input
        for (index, layer) in network.layers.enumerated() {
            let run = layer[0].run(current, reverse: true)
            let got = try #require(trace.layer(index, reverse: true))
            #expect(got.hidden == run.series[SeriesName.hidden]!)
            current = run.series[SeriesName.hidden]!
        }
        var stepper = try SequenceStepper(network: network, input: input)
        #expect(throws: ShapeError.self) { try stepper.append(input) }
    }

    @Test func initialStatesStartEveryPath() throws {
        var (network, input) = try Self.fixture()
        network.initialStates = Self.states(for: network)
        try network.validate()
        let trace = try network.run(input)
        let first = network.layers[0][0].run(input, from: network.initialStates![0][0])
        #expect(trace.layers[0].hidden == first.series[SeriesName.hidden]!)
        var fromZero = network
        fromZero.initialStates = nil
        #expect(try fromZero.run(input).layers[0].hidden.maxAbsDifference(trace.layers[0].hidden) > 1e-3)
        // Live input from the start gives the same numbers as the whole run.
        var live = try SequenceStepper(network: network, input: Matrix(rows: 0, columns: input.columns))
        try live.append(input.rows(0..<3))
        try live.append(input.rows(3..<input.rows))
        for (a, b) in zip(live.trace.layers, trace.layers) { #expect(a.hidden.maxAbsDifference(b.hidden) <= 1e-6) }
        var wrong = network
        wrong.initialStates = [Self.states(for: network)[0]]
        #expect(throws: ShapeError.self) { try wrong.validate() }
    }
}
