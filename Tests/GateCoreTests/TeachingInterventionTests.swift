import GateCore
import Testing

/// What-if edits: clamped gates, shifted biases, and re-running from the edited step.
@Suite struct TeachingInterventionTests {
    static func network(_ kind: CellKind, layers: Int = 1, bidirectional: Bool = false) -> RecurrentNetwork {
        var generator = SplitMix64(seed: 7)
        return RecurrentNetwork.initialized(kind: kind, inputSize: 3, hiddenSize: 5, layers: layers,
                                            bidirectional: bidirectional, outputSize: 2, random: &generator)
    }

    static func input(steps: Int = 20) -> Matrix {
        var values: [Float] = []
        for k in 0..<(steps * 3) { values.append(Float((k * 37) % 17) / 8 - 1) }
        return Matrix(rows: steps, columns: 3, values: values)
    }

    /// With no edits the re-run equals the plain-Swift reference run of the cell, and the head's
    /// output is W h + b computed here by hand.
    @Test func noEditsGiveTheOriginalRun() throws {
        let network = Self.network(.lstm)
        let trace = try network.run(Self.input())
        let same = try network.run(Self.input(), interventions: [], reusing: trace)
        guard case .lstm(let weights) = network.layers[0][0] else {
            Issue.record("the test network is not an LSTM")
            return
        }
        let reference = weights.referenceRun(Self.input())
        let layer = try #require(same.layer(0))
        #expect(Set(layer.series.keys) == Set(reference.series.keys))
        for (name, expected) in reference.series {
            let held = try #require(layer.series[name])
            #expect(held.maxAbsDifference(expected) <= 1e-5, "\(name)")
        }
        let head = try #require(network.head)
        let hidden = try #require(reference.series[SeriesName.hidden])
        let output = try #require(same.output)
        for t in 0..<hidden.rows {
            for o in 0..<head.outputSize {
                var y = head.bias[o]
                for i in 0..<head.inputSize { y += head.weights[o, i] * hidden[t, i] }
                #expect(abs(output[t, o] - y) <= 1e-5, "output[\(t), \(o)]")
            }
        }
    }

    @Test func clampedForgetGateHoldsTheCell() throws {
        let network = Self.network(.lstm)
        let trace = try network.run(Self.input())
        let edits = [Intervention(unit: 2, gate: SeriesName.forgetGate, action: .clamp(value: 1, step: nil)),
                     Intervention(unit: 2, gate: SeriesName.inputGate, action: .clamp(value: 0, step: nil))]
        let edited = try network.run(Self.input(), interventions: edits, reusing: trace)
        let cell = try #require(edited.layer(0)?.series[SeriesName.cell])
        for t in 0..<cell.rows { #expect(cell[t, 2] == 0) }
        let f = try #require(edited.layer(0)?.series[SeriesName.forgetGate])
        #expect(f[5, 2] == 1)
        #expect(abs(f[0, 1] - (trace.layer(0)?.series[SeriesName.forgetGate]?[0, 1] ?? 0)) <= 1e-6)
    }

    /// Re-running from the edited step (state from the original trace) equals a full re-run.
    @Test(arguments: [CellKind.lstm, .gru])
    func reuseMatchesAFullRerun(kind: CellKind) throws {
        for (layers, bidirectional) in [(1, false), (2, false), (2, true)] {
            let network = Self.network(kind, layers: layers, bidirectional: bidirectional)
            let trace = try network.run(Self.input())
            let gate = kind == .lstm ? SeriesName.forgetGate : SeriesName.updateGate
            let edits = [Intervention(unit: 1, gate: gate, action: .clamp(value: 0, step: 9))]
            let reused = try network.run(Self.input(), interventions: edits, reusing: trace)
            let full = try network.run(Self.input(), interventions: edits)
            for (a, b) in zip(reused.layers, full.layers) {
                for (name, matrix) in a.series {
                    #expect(matrix.maxAbsDifference(b.series[name]!) <= 1e-5, "\(kind) \(layers) \(bidirectional) \(a.key) \(name)")
                }
            }
            let before = try #require(trace.layer(0)?.hidden), after = try #require(reused.layer(0)?.hidden)
            #expect(before.rows(0..<9) == after.rows(0..<9))
            #expect(before.row(9) != after.row(9))
            #expect(try #require(reused.output).maxAbsDifference(try #require(full.output)) <= 1e-5)
        }
    }

    @Test func biasShiftEqualsEditedWeights() throws {
        let network = Self.network(.lstm)
        let edit = Intervention(unit: 3, gate: SeriesName.forgetGate, action: .shiftBias(2))
        let edited = try network.run(Self.input(), interventions: [edit], reusing: try network.run(Self.input()))
        var weights = network
        guard case .lstm(var w) = weights.layers[0][0] else { Issue.record("not an LSTM"); return }
        w.inputBias[5 + 3] += 2
        weights.layers[0][0] = .lstm(w)
        let expected = try weights.run(Self.input())
        #expect(edited == expected)
        #expect(edit.label == "f bias of unit 4 +2.00")
    }

    @Test func rejectsEditsTheNetworkCannotTake() {
        let network = Self.network(.rnnTanh)
        #expect(throws: ShapeError.self) {
            try network.run(Self.input(), interventions: [Intervention(unit: 0, gate: SeriesName.hidden, action: .clamp(value: 0, step: 1))])
        }
        #expect(throws: ShapeError.self) {
            try network.run(Self.input(), interventions: [Intervention(unit: 9, gate: SeriesName.hidden, action: .shiftBias(1))])
        }
        #expect(throws: ShapeError.self) {
            try network.run(Self.input(), interventions: [Intervention(unit: 0, gate: SeriesName.forgetGate, action: .shiftBias(1))])
        }
        let label = Intervention(unit: 2, gate: SeriesName.forgetGate, action: .clamp(value: 0, step: 13)).label
        #expect(label == "clamp f of unit 3 to 0.00 at t=14")
    }
}
