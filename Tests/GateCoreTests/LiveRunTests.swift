import Foundation
import GateFormats
import Testing
@testable import GateCore

/// A live run (`LiveRun`: live input, typing) keeps only its newest steps in memory, yet every older
/// step stays in reach, recomputed from checkpoints: the recomputed rows are bit-identical to the whole
/// run over the same rows (`RecurrentNetwork.run`, the independent reference), however the input
/// arrived in batches; memory held stays bounded; its spool files go when it does.
struct LiveRunTests {
    /// Batch sizes the rows arrive in, cycled (single rows, ragged sizes, a big bite).
    static let batches = [1, 3, 7, 16, 2, 50, 5, 129, 1, 1, 33]

    /// A live run of `network` fed `input` in ``batches``, holding `keep` steps, checkpoints every `every`.
    static func fed(_ network: RecurrentNetwork, _ input: Matrix, keep: Int, every: Int,
                    makeStore: (String, Int) throws -> any RowStore = { MemoryRowStore(columns: $1) }) throws -> LiveRun {
        let live = try LiveRun(network: network, input: input.rows(0..<0), checkpointInterval: every, makeStore: makeStore)
        var at = 0, index = 0
        while at < input.rows {
            let count = min(batches[index % batches.count], input.rows - at)
            try live.append(input.rows(at..<(at + count)))
            live.trim(keeping: keep)
            at += count
            index += 1
        }
        return live
    }

    @Test(arguments: 0..<8, [0, 1])
    func oldWindowsAreBitIdenticalToTheWholeRun(cell: Int, shape: Int) throws {
        let network = CheckpointedRunTests.network(cell: cell, shape: shape)
        let label = "\(CheckpointedRunTests.cellLabels[cell]), \(CheckpointedRunTests.shapes[shape].label)"
        let input = KernelTests.matrix(rows: 701, columns: 3, seed: 9)
        let whole = try network.run(input)
        let live = try Self.fed(network, input, keep: 40, every: 64)
        #expect(live.steps == 701)
        #expect(live.recentFrom > 600, "\(label): only the newest steps are held (from \(live.recentFrom))")
        #expect(try live.rows(100..<260) == whole.slice(100..<260), "\(label): an old window")
        #expect(try live.rows(0..<701) == whole, "\(label): every step")
        #expect(try live.rows(0..<1) == whole.slice(0..<1), "\(label): step 1")
        #expect(live.chunksRecomputed > 0)
    }

    @Test func withLargeInputWeightsRecomputedStepsMatchTheStepsAsTheyArrived() throws {
        // 4 · 128 × 600 = 307,200 input weights: over the tiled kernel's limit, so another kernel path.
        let network = RecurrentNetwork(layers: [[.lstm(FastPathTests.lstm(input: 600, hidden: 128, seed: 3))]])
        let input = KernelTests.matrix(rows: 203, columns: 600, seed: 8)
        let heldWhole = try Self.fed(network, input, keep: 10_000, every: 64)
        #expect(heldWhole.recentFrom == 0, "every step held as it was computed")
        // Rows arriving one at a time, most of them let go and recomputed.
        let live = try LiveRun(network: network, input: input.rows(0..<0), checkpointInterval: 64,
                               makeStore: { MemoryRowStore(columns: $1) })
        for t in 0..<203 {
            try live.append(input.rows(t..<(t + 1)))
            live.trim(keeping: 20)
        }
        #expect(live.recentFrom > 150)
        #expect(try live.rows(0..<203) == heldWhole.recent)
    }

    @Test func tokensOfOlderStepsComeBackFromTheStore() throws {
        var network = CheckpointedRunTests.network(cell: 0, shape: 0)
        network.embedding = KernelTests.matrix(rows: 6, columns: 3, seed: 4)
        let tokens = (0..<300).map { ($0 * 7) % 6 }
        let input = try network.encode(tokens: tokens)
        let live = try LiveRun(network: network, input: input.rows(0..<0), tokens: [], checkpointInterval: 32,
                               makeStore: { MemoryRowStore(columns: $1) })
        for start in stride(from: 0, to: 300, by: 25) {
            try live.append(input.rows(start..<(start + 25)), tokens: Array(tokens[start..<(start + 25)]))
            live.trim(keeping: 20)
        }
        #expect(try live.allTokens() == tokens)
        #expect(try live.rows(10..<50) == (try network.run(input, tokens: tokens)).slice(10..<50))
    }

    @Test func memoryHeldStaysBoundedAndTheRowsGoToTheSpoolFiles() throws {
        let network = CheckpointedRunTests.network(cell: 0, shape: 0)
        let input = KernelTests.matrix(rows: 30_000, columns: 3, seed: 11)
        var paths: [String] = []
        let live = try Self.fed(network, input, keep: 500, every: 256) { name, columns in
            let store = try SpooledRowStore(name: name, columns: columns)
            paths.append(store.path)
            return store
        }
        for start in [0, 9_000, 20_100, 29_300] { _ = try live.rows(start..<(start + 600)) }
        // Bytes of one step: every series, the input and the output of a one-step run.
        let one = try network.run(input.rows(0..<1))
        let stepBytes = 4 * (one.input.columns + (one.output?.columns ?? 0)
            + one.layers.reduce(0) { $0 + $1.series.values.reduce(0) { $0 + $1.columns } })
        #expect(live.recent.steps <= 500 + 125)
        #expect(live.heldBytes <= stepBytes * (500 + 125 + 3 * 256), "\(live.heldBytes) bytes held")
        #expect(live.heldBytes == stepBytes * (live.recent.steps + 3 * 256), "the held steps and three chunks, counted")
        // A tighter budget for recomputed chunks keeps fewer of them (never fewer than the newest).
        live.cacheBytes = stepBytes * 256
        for start in [0, 9_000, 20_100] { _ = try live.rows(start..<(start + 10)) }
        #expect(live.heldBytes == stepBytes * (live.recent.steps + 256))
        // On disk: every input row, and one checkpoint (h and c of 5 units) per 256 steps.
        let sizes = try paths.map { try FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int }
        #expect(sizes == [30_000 * 3 * 4, 30_000 / 256 * 10 * 4])
    }

    @Test func spoolFilesAreDeletedWithTheRun() throws {
        let network = CheckpointedRunTests.network(cell: 4, shape: 1)
        var paths: [String] = []
        do {
            let live = try Self.fed(network, KernelTests.matrix(rows: 200, columns: 3, seed: 2), keep: 20, every: 16) { name, columns in
                let store = try SpooledRowStore(name: name, columns: columns)
                paths.append(store.path)
                return store
            }
            #expect(live.steps == 200)
            #expect(paths.count == 2 && paths.allSatisfy { FileManager.default.fileExists(atPath: $0) })
            #expect(paths.allSatisfy { TemporaryFileRegistry.paths.contains($0) }, "listed for deletion on a signal or exit")
        }
        #expect(!paths.isEmpty && paths.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
        #expect(paths.allSatisfy { !TemporaryFileRegistry.paths.contains($0) })
    }

    /// A store that fails after `limit` appends (a full disk).
    final class FailingStore: RowStore {
        let inner: MemoryRowStore
        var appends = 0
        let limit: Int
        init(columns: Int, limit: Int) { inner = MemoryRowStore(columns: columns); self.limit = limit }
        var columns: Int { inner.columns }
        var rows: Int { inner.rows }
        func append(_ matrix: Matrix) throws {
            appends += 1
            if appends > limit { throw ShapeError("no space left on device") }
            try inner.append(matrix)
        }
        func read(_ range: Range<Int>) throws -> Matrix { try inner.read(range) }
    }

    @Test func aFailingStoreLeavesTheNewestStepsInReachAndSaysWhy() throws {
        let network = CheckpointedRunTests.network(cell: 6, shape: 0)
        let input = KernelTests.matrix(rows: 400, columns: 3, seed: 5)
        let live = try Self.fed(network, input, keep: 30, every: 16) { FailingStore(columns: $1, limit: 10) }
        #expect(live.storeError == "no space left on device")
        #expect(live.reachableFrom == live.recentFrom && live.reachableFrom > 0)
        let whole = try network.run(input)
        #expect(try live.rows(0..<400) == whole.slice(live.reachableFrom..<400), "clamped to the steps in reach")
    }
}
