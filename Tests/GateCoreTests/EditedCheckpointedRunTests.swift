import Foundation
import Testing
@testable import GateCore

/// What-if edits on a run computed chunk by chunk (`EditedCheckpointedRun`): its rows are bit-identical
/// to the whole re-run with the same edits, for every cell kind, stacked and bidirectional, a clamp
/// at one step, a clamp at every step and a bias shift, whatever order the chunks are read in; rows
/// before the edit are the unedited run's; and a late edit computes only the chunks from it on.
struct EditedCheckpointedRunTests {
    /// The edits tried on cell `cell`: a clamp at step `step` and at every step (gated cells), a
    /// bias shift, and a clamp with a bias shift, in `layer` (reverse direction when `reverse`).
    static func edits(cell: Int, layer: Int, reverse: Bool, step: Int) -> [(String, [Intervention])] {
        let kind = CheckpointedRunTests.cell(cell, input: 3, seed: 1).kind
        let gate: String = switch kind {
        case .lstm: SeriesName.forgetGate
        case .gru: SeriesName.updateGate
        case .rnnTanh, .rnnRelu: SeriesName.hidden
        }
        let shift = Intervention(layer: layer, isReverse: reverse, unit: 1, gate: gate, action: .shiftBias(1.5))
        guard kind == .lstm || kind == .gru else { return [("bias shift", [shift])] }
        let clamp = Intervention(layer: layer, isReverse: reverse, unit: 2, gate: gate, action: .clamp(value: 0, step: step))
        let always = Intervention(layer: layer, isReverse: reverse, unit: 0, gate: gate, action: .clamp(value: 1, step: nil))
        return [("clamp at t=\(step + 1)", [clamp]), ("clamp at every step", [always]), ("bias shift", [shift]),
                ("clamp and bias shift", [clamp, shift])]
    }

    /// The lazy edited run's rows, chunk by chunk in `order`, joined into one trace.
    static func rows(of run: EditedCheckpointedRun, order: [Int]) -> NetworkTrace {
        var chunks: [Int: NetworkTrace] = [:]
        for chunk in order { chunks[chunk] = run.trace(ofChunk: chunk) }
        var whole = chunks[0]!
        for chunk in 1..<run.chunkCount { whole.appendSteps(chunks[chunk]!) }
        return whole
    }

    @Test(arguments: 0..<8)
    func editedChunksEqualTheWholeRerun(cell: Int) throws {
        // One layer, stacked, bidirectional, stacked bidirectional (shapes 0–3 of CheckpointedRunTests).
        for shape in 0..<4 {
            let (label, network, whole, _) = try CheckpointedRunTests.runs(cell: cell, shape: shape, steps: 103)
            let layers = network.layers.count, directions = network.layers[0].count
            for (layer, reverse) in [(0, false), (layers - 1, directions == 2)] {
                for step in [5, 40, 100] {
                    for (name, edits) in Self.edits(cell: cell, layer: layer, reverse: reverse, step: step) {
                        let what = "\(label), layer \(layer + 1)\(reverse ? " reverse" : ""), \(name)"
                        let expected = try network.run(whole.input, interventions: edits, reusing: whole)
                        let base = try CheckpointedRun(network: network, input: whole.input, chunkSize: 16)
                        let lazy = try EditedCheckpointedRun(base: base, interventions: edits)
                        let order = [lazy.chunkCount - 1, 0, 3, 2] + Array(0..<lazy.chunkCount)
                        let got = Self.rows(of: lazy, order: order)
                        #expect(got == expected, "\(what)")
                        // The whole re-run from the first step (reference loop throughout) agrees to rounding.
                        let full = try network.run(whole.input, interventions: edits)
                        for (a, b) in zip(got.layers, full.layers) {
                            for (series, matrix) in a.series {
                                #expect(matrix.maxAbsDifference(b.series[series]!) <= 1e-4, "\(what) \(series)")
                            }
                        }
                    }
                }
            }
        }
    }

    /// A clamp late in a forward layer leaves every earlier row as the unedited run had it, and
    /// reading the last chunk computes only the edited chunks (the checkpoints before are the base's).
    @Test func aLateClampComputesOnlyFromItsChunk() throws {
        let (_, network, whole, _) = try CheckpointedRunTests.runs(cell: 0, shape: 1, steps: 200)
        let base = try CheckpointedRun(network: network, input: whole.input, chunkSize: 16)
        let edit = Intervention(layer: 1, unit: 2, gate: SeriesName.forgetGate, action: .clamp(value: 1, step: 170))
        let lazy = try EditedCheckpointedRun(base: base, interventions: [edit])
        let last = lazy.trace(ofChunk: lazy.chunkCount - 1)
        // Chunk 10 holds steps 161–176, the last chunk 177–200 (the 8 over join it): layers 2 and 3 compute each.
        #expect(lazy.chunkRunsComputed == 4)
        #expect(lazy.firstEditedStep == 170)
        let range = lazy.range(ofChunk: lazy.chunkCount - 1)
        // Layer 1 is untouched; layer 2 before step 171 is the unedited run's, bit for bit.
        #expect(last.layer(0)?.series == whole.layer(0)?.series.mapValues { $0.rows(range) })
        let early = lazy.trace(ofChunk: 3), earlyRange = lazy.range(ofChunk: 3)
        for layer in whole.layers {
            #expect(early.layer(layer.layer)?.series == layer.series.mapValues { $0.rows(earlyRange) })
        }
        #expect(early.output == whole.output?.rows(earlyRange))
        let clamped = lazy.trace(ofChunk: lazy.chunk(containing: 170))
        let edited = try #require(clamped.layer(1)?.series[SeriesName.forgetGate])
        let original = try #require(whole.layer(1)?.series[SeriesName.forgetGate])
        let offset = lazy.range(ofChunk: lazy.chunk(containing: 170)).lowerBound
        #expect(edited[170 - offset, 2] == 1)
        #expect(original[170, 2] != 1)
        #expect(edited[169 - offset, 2] == original[169, 2])
    }

    @Test func refusesAnEditTheNetworkCannotTake() throws {
        let (_, network, whole, _) = try CheckpointedRunTests.runs(cell: 6, shape: 0, steps: 40)
        let base = try CheckpointedRun(network: network, input: whole.input, chunkSize: 16)
        #expect(throws: ShapeError.self) {
            try EditedCheckpointedRun(base: base, interventions: [Intervention(unit: 0, gate: SeriesName.hidden, action: .clamp(value: 0, step: 1))])
        }
        #expect(throws: ShapeError.self) {
            try EditedCheckpointedRun(base: base, interventions: [Intervention(unit: 0, gate: SeriesName.forgetGate, action: .shiftBias(1))])
        }
    }

    /// The clamped LSTM run (kernels between clamps, a Swift step at a clamp) against an independent
    /// one: the plain reference run up to the clamp, the clamped step worked out here from the equations
    /// (f pinned to 0), the reference run on from the state it leaves; forward and reverse.
    @Test(arguments: [false, true])
    func aClampedStepBetweenReferenceRuns(reverse: Bool) throws {
        let w = FastPathTests.lstm(input: 3, hidden: 5, seed: 11)
        let steps = 40, s = 17, unit = 2
        let input = KernelTests.matrix(rows: steps, columns: 3, seed: 12)
        let got = w.clampedRun(input, reverse: reverse, from: nil, clamps: [GateClamp(gate: 1, unit: unit, step: s, value: 0)])
        let before = reverse ? (s + 1)..<steps : 0..<s, after = reverse ? 0..<s : (s + 1)..<steps
        let first = w.referenceRun(input.rows(before), reverse: reverse)
        let (hPrev, cPrev) = (first.finalState.hidden, first.finalState.cell)
        var h = [Float](repeating: 0, count: 5), c = h, f = h
        for j in 0..<5 {
            func z(_ k: Int) -> Float {
                var sum = w.inputBias[k * 5 + j] + w.recurrentBias[k * 5 + j]
                for x in 0..<3 { sum += w.inputWeights[k * 5 + j, x] * input[s, x] }
                for r in 0..<5 { sum += w.recurrentWeights[k * 5 + j, r] * hPrev[r] }
                return sum
            }
            let sigmoid = { (v: Float) in 1 / (1 + exp(-v)) }
            f[j] = j == unit ? 0 : sigmoid(z(1))
            c[j] = f[j] * cPrev[j] + sigmoid(z(0)) * tanh(z(2))
            h[j] = sigmoid(z(3)) * tanh(c[j])
        }
        let last = w.referenceRun(input.rows(after), reverse: reverse, from: RecurrentState(hidden: h, cell: c))
        let hidden = try #require(got.series[SeriesName.hidden]), gate = try #require(got.series[SeriesName.forgetGate])
        #expect(hidden.rows(before).maxAbsDifference(first.series[SeriesName.hidden]!) <= 1e-5)
        #expect(Matrix(rows: 1, columns: 5, values: hidden.row(s)).maxAbsDifference(Matrix(rows: 1, columns: 5, values: h)) <= 1e-5)
        #expect(gate[s, unit] == 0)
        #expect(abs(gate[s, 0] - f[0]) <= 1e-5)
        #expect(hidden.rows(after).maxAbsDifference(last.series[SeriesName.hidden]!) <= 1e-4)
        #expect(got.finalState.cell.indices.allSatisfy { abs(got.finalState.cell[$0] - last.finalState.cell[$0]) <= 1e-4 })
    }

    /// The same for a GRU (PyTorch's reset-after form), with the update gate z pinned to 1 at the clamp:
    /// the state passes through that step unchanged.
    @Test(arguments: [false, true])
    func aClampedGRUStepBetweenReferenceRuns(reverse: Bool) throws {
        guard case .gru(let w) = CheckpointedRunTests.cell(4, input: 3, seed: 5) else { Issue.record("not a GRU"); return }
        let steps = 40, s = 23, unit = 1
        let input = KernelTests.matrix(rows: steps, columns: 3, seed: 13)
        let got = w.clampedRun(input, reverse: reverse, from: nil, clamps: [GateClamp(gate: 1, unit: unit, step: s, value: 1)])
        let before = reverse ? (s + 1)..<steps : 0..<s, after = reverse ? 0..<s : (s + 1)..<steps
        let first = w.referenceRun(input.rows(before), reverse: reverse)
        let hPrev = first.finalState.hidden
        var h = hPrev
        for j in 0..<5 {
            func product(_ k: Int) -> (input: Float, recurrent: Float) {
                var x = w.inputBias[k * 5 + j], r = w.recurrentBias[k * 5 + j]
                for c in 0..<3 { x += w.inputWeights[k * 5 + j, c] * input[s, c] }
                for c in 0..<5 { r += w.recurrentWeights[k * 5 + j, c] * hPrev[c] }
                return (x, r)
            }
            let sigmoid = { (v: Float) in 1 / (1 + exp(-v)) }
            let reset = sigmoid(product(0).input + product(0).recurrent)
            let update = j == unit ? 1 : sigmoid(product(1).input + product(1).recurrent)
            let n = tanh(product(2).input + reset * product(2).recurrent)
            h[j] = (1 - update) * n + update * hPrev[j]
        }
        let last = w.referenceRun(input.rows(after), reverse: reverse, from: RecurrentState(hidden: h))
        let hidden = try #require(got.series[SeriesName.hidden])
        #expect(hidden.rows(before).maxAbsDifference(first.series[SeriesName.hidden]!) <= 1e-5)
        // z = 1 keeps the unit's state: exactly the row before it in reading order.
        #expect(hidden[s, unit] == hidden[reverse ? s + 1 : s - 1, unit])
        #expect(Matrix(rows: 1, columns: 5, values: hidden.row(s)).maxAbsDifference(Matrix(rows: 1, columns: 5, values: h)) <= 1e-5)
        #expect(hidden.rows(after).maxAbsDifference(last.series[SeriesName.hidden]!) <= 1e-4)
    }
}
