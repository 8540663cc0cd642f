import Testing
@testable import GateCore

/// Reverse-reading checkpoints filled by another run (as the explorer's background fill does) and
/// adopted give bit-identical values to the whole run; until then, what needs them is left NaN and
/// nothing else is.
struct CheckpointedRunFillTests {
    @Test(arguments: 0..<8, 0..<5)
    func adoptedCheckpointsGiveTheWholeRun(cellIndex: Int, shape: Int) throws {
        let (label, network, whole, lazy) = try CheckpointedRunTests.runs(cell: cellIndex, shape: shape, steps: 87)
        let filler = try CheckpointedRun(network: network, input: whole.input, chunkSize: 16)
        var reported: [Double] = []
        filler.fillReverseCheckpoints { reported.append($0); return true }
        #expect(filler.reverseCheckpointsKnown == 1, "\(label)")
        #expect(reported == reported.sorted() && (reported.isEmpty || reported.last == 1), "\(label) progress \(reported)")
        // Nothing reads backward: nothing to fill, and the share known is already 1.
        #expect(reported.isEmpty == !network.needsWholeSequence, "\(label)")
        lazy.adopt(filler.knownCheckpoints)
        #expect(lazy.reverseCheckpointsKnown == 1, "\(label)")
        // With the reverse-reading checkpoints adopted, the first chunk takes one run per layer and
        // direction: no fill.
        let perChunk = network.layers.reduce(0) { $0 + $1.count }
        for chunk in [0, 3, 1] {
            let before = lazy.chunkRunsComputed
            let (part, pending) = lazy.traceWithoutReverseFill(ofChunk: chunk)
            if chunk == 0 { #expect(lazy.chunkRunsComputed - before == perChunk, "\(label)") }
            #expect(!pending, "\(label) chunk \(chunk)")
            CheckpointedRunTests.expect(part, equals: whole, rows: lazy.range(ofChunk: chunk), "\(label) chunk \(chunk)")
        }
    }

    @Test(arguments: 0..<5)
    func beforeTheFillWhatNeedsItIsNaN(shape: Int) throws {
        let (label, network, whole, lazy) = try CheckpointedRunTests.runs(cell: 0, shape: shape, steps: 87)
        let (part, pending) = lazy.traceWithoutReverseFill(ofChunk: 0)
        #expect(pending == network.needsWholeSequence, "\(label)")
        #expect(part.input == whole.input.rows(0..<16))
        for (got, want) in zip(part.layers, whole.layers) {
            #expect(got.key == want.key)
            // Layer 0's forward direction never waits; everything reading backward or above it does.
            let waits = network.needsWholeSequence && (got.isReverse || got.layer > 0)
            for (name, matrix) in want.series {
                let values = try #require(got.series[name]).values
                if waits {
                    #expect(values.allSatisfy { $0.isNaN }, "\(label) \(got.key).\(name)")
                } else {
                    #expect(values == matrix.rows(0..<16).values, "\(label) \(got.key).\(name)")
                }
            }
        }
        let output = try #require(part.output)
        #expect(pending ? output.values.allSatisfy { $0.isNaN } : output == whole.output?.rows(0..<16), "\(label) output")
        // The last chunk's reverse-reading states are known from the start: it never waits.
        let last = lazy.chunkCount - 1
        let (end, endPending) = lazy.traceWithoutReverseFill(ofChunk: last)
        #expect(!endPending || shape == 3, "\(label)")
        if !endPending { CheckpointedRunTests.expect(end, equals: whole, rows: lazy.range(ofChunk: last), "\(label) last chunk") }
        // No fill was run for any of it: no reverse-reading checkpoint below the last chunk is known.
        #expect(lazy.reverseCheckpointsKnown < 1 || !network.needsWholeSequence, "\(label)")
    }

    @Test(arguments: 0..<8, 0..<5)
    func forwardFillAfterTheReverseOneLeavesOneChunkForTheEnd(cellIndex: Int, shape: Int) throws {
        let (label, network, whole, lazy) = try CheckpointedRunTests.runs(cell: cellIndex, shape: shape, steps: 87)
        let filler = try CheckpointedRun(network: network, input: whole.input, chunkSize: 16)
        filler.fillReverseCheckpoints()
        var reported: [Double] = []
        filler.fillForwardCheckpoints { reported.append($0); return true }
        #expect(reported == reported.sorted() && reported.last == 1, "\(label) progress \(reported)")
        #expect(filler.forwardCheckpointsKnown == filler.chunkCount, "\(label)")
        // With the reverse-reading checkpoints only, a forward fill longer than the limit waits (NaN):
        // the last chunk is 4 chunks from the first checkpoint; chunk 2 is within 2.
        let reverseOnly = try CheckpointedRun(network: network, input: whole.input, chunkSize: 16)
        reverseOnly.fillReverseCheckpoints()
        let waiting = try CheckpointedRun(network: network, input: whole.input, chunkSize: 16)
        waiting.adopt(reverseOnly.knownCheckpoints)
        let unknownForward = network.layers.indices.contains { layer in
            network.layers[layer].indices.contains {
                !network.isReverse(direction: $0) && waiting.checkpoint(layer: layer, direction: $0, chunk: 4) == nil
            }
        }
        let (far, farPending) = waiting.traceWithoutReverseFill(ofChunk: 4, forwardFillLimit: 2)
        #expect(farPending == unknownForward, "\(label)")
        let wanted = waiting.range(ofChunk: 4)
        for (got, want) in zip(far.layers, whole.layers) {
            // Each layer either waits (every value NaN) or is the whole run's.
            let waits = got.hidden.values.allSatisfy { $0.isNaN }
            #expect(waits || got.hidden == want.hidden.rows(wanted), "\(label) \(got.key)")
            #expect(!waits || farPending, "\(label) \(got.key)")
        }
        let (near, nearPending) = waiting.traceWithoutReverseFill(ofChunk: 2, forwardFillLimit: 2)
        #expect(!nearPending, "\(label)")
        CheckpointedRunTests.expect(near, equals: whole, rows: waiting.range(ofChunk: 2), "\(label) chunk 2")
        let (all, allPending) = waiting.traceWithoutReverseFill(ofChunk: 4)
        #expect(!allPending, "\(label)")
        CheckpointedRunTests.expect(all, equals: whole, rows: wanted, "\(label) chunk 4 without a limit")
        lazy.adopt(filler.knownCheckpoints)
        #expect(lazy.forwardCheckpointsKnown == lazy.chunkCount && lazy.reverseCheckpointsKnown == 1, "\(label)")
        // The last chunk (End) then takes one run per layer and direction.
        let before = lazy.chunkRunsComputed
        let last = lazy.chunkCount - 1
        let part = lazy.trace(ofChunk: last)
        #expect(lazy.chunkRunsComputed - before == network.layers.reduce(0) { $0 + $1.count }, "\(label)")
        CheckpointedRunTests.expect(part, equals: whole, rows: lazy.range(ofChunk: last), "\(label) last chunk")
        // Its checkpoints are the ones a lazy run finds on its own.
        let own = try CheckpointedRun(network: network, input: whole.input, chunkSize: 16)
        _ = own.trace(ofChunk: last)
        _ = own.trace(ofChunk: 0)
        #expect(own.knownCheckpoints == filler.knownCheckpoints, "\(label)")
    }
}
