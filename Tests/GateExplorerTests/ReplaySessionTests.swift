import GateCanvas
import GateCore
@testable import GateExplorer
import Testing

/// A recording sink that keeps what it was given.
final class MemoryRecordingSink: RecordingSink {
    var saved: [(trace: NetworkTrace, bookmarks: [StepBookmark], edits: [String])] = []
    /// The origin of each saved recording (original steps, carried states).
    var origins: [RecordedSteps] = []
    func save(_ trace: NetworkTrace, bookmarks: [StepBookmark], edits: [String], origin: RecordedSteps) throws -> String {
        saved.append((trace, bookmarks, edits))
        origins.append(origin)
        return "memory-\(saved.count).safetensors"
    }
}

/// A bookmark store that keeps the last set saved.
final class MemoryBookmarkStore: BookmarkStore {
    var last: [StepBookmark] = []
    var saves = 0
    var path: String { "memory.bookmarks.tsv" }
    func save(_ bookmarks: [StepBookmark]) throws {
        last = bookmarks
        saves += 1
    }
}

/// A live feed the test fills by hand.
final class ScriptedFeed: LiveRowFeed {
    var lines: [String] = []
    var ended = false
    func take() -> (lines: [String], ended: Bool) {
        defer { lines = [] }
        return (lines, ended)
    }
}

/// A row source that counts the rows read (to check that replay reads windows, not the whole run).
final class CountingSource: ExplorerRowSource {
    let trace: NetworkTrace
    var rowsRead = 0
    var largestRead = 0
    init(trace: NetworkTrace) { self.trace = trace }
    var steps: Int { trace.steps }
    func rows(_ range: Range<Int>) throws -> NetworkTrace {
        rowsRead += range.count
        largestRead = max(largestRead, range.count)
        return trace.rows(range)
    }
}

@Suite struct ReplaySessionTests {
    static func network() -> RecurrentNetwork { ExplorerTestSupport.randomNetwork(kind: .lstm, input: 2, hidden: 5) }

    static func session(_ run: ExplorerRun, width: Int = 120, height: Int = 40, sink: (any RecordingSink)? = nil,
                        store: (any BookmarkStore)? = nil, feed: (any LiveRowFeed)? = nil,
                        source: (any ExplorerRowSource)? = nil) -> ExplorerSessionApp {
        var app = ExplorerSessionApp(run: run, source: source, recordingSink: sink, bookmarkStore: store, feed: feed)
        _ = app.handle(.resize(width: width, height: height))
        return app
    }

    static func expectClose(_ a: Matrix, _ b: Matrix, tolerance: Float = 1e-6, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.rows == b.rows && a.columns == b.columns, sourceLocation: sourceLocation)
        let worst = zip(a.values, b.values).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= tolerance, "max |Δ| \(worst)", sourceLocation: sourceLocation)
    }

    @Test func recordingToggleSavesTheSteppedValues() throws {
        let run = try ExplorerTestSupport.sineRun(Self.network(), steps: 30)
        let sink = MemoryRecordingSink()
        var app = Self.session(run, sink: sink)
        for _ in 0..<3 { _ = app.handle(.key(.right)) }
        _ = app.handle(.key(.character("r")))
        #expect(app.recording != nil)
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        #expect(buffer.plainText().contains("● REC 1"))
        for _ in 0..<5 { _ = app.handle(.key(.right)) }
        _ = app.handle(.key(.left))
        _ = app.handle(.key(.character("r")))
        #expect(app.recording == nil)
        let saved = try #require(sink.saved.first).trace
        // Steps 3…8 going forward, then back to 7.
        let steps = [3, 4, 5, 6, 7, 8, 7]
        #expect(saved.steps == steps.count)
        for (row, step) in steps.enumerated() {
            #expect(saved.input.row(row) == run.trace.input.row(step))
            for layer in run.trace.layers {
                let recorded = try #require(saved.layer(layer.layer, reverse: layer.isReverse))
                for (name, matrix) in layer.series { #expect(recorded.series[name]?.row(row) == matrix.row(step), "\(name)") }
            }
            #expect(saved.output?.row(row) == run.trace.output?.row(step))
        }
        app.render(into: &buffer)
        #expect(buffer.plainText().contains("saved 7 recorded steps to memory-1.safetensors"))
    }

    @Test func quitSavesARecordingInProgress() throws {
        let run = try ExplorerTestSupport.sineRun(Self.network(), steps: 10)
        let sink = MemoryRecordingSink()
        var app = Self.session(run, sink: sink)
        _ = app.handle(.key(.character("r")))
        _ = app.handle(.key(.character("l")))
        #expect(app.handle(.key(.character("q"))) == .quit)
        #expect(sink.saved.first?.trace.steps == 2)
        #expect(app.savedRecordings == ["memory-1.safetensors"])
    }

    @Test func liveRowsGiveTheSameValuesAsAWholeRun() throws {
        let network = Self.network()
        let whole = try ExplorerTestSupport.sineRun(network, steps: 40)
        let empty = try network.run(Matrix(rows: 0, columns: 2))
        let feed = ScriptedFeed()
        var app = Self.session(ExplorerRun(name: "live", title: "live", trace: empty, network: network), feed: feed)
        #expect(app.tickInterval != nil)
        var next = 0
        for chunk in [1, 3, 10, 26] {
            feed.lines = (next..<(next + chunk)).map { t in
                (0..<2).map { k in "\(whole.trace.input[t, k])" }.joined(separator: ",")
            }
            if chunk == 3 { feed.lines.insert("value,marker", at: 0) }
            next += chunk
            _ = app.handle(.tick)
            #expect(app.totalSteps == next)
            #expect(app.step == next - 1, "follows the newest step")
        }
        feed.ended = true
        _ = app.handle(.tick)
        #expect(app.feedEnded)
        #expect(app.skippedInput == 1)
        let grown = try app.readRows(0..<40)
        for layer in whole.trace.layers {
            let live = try #require(grown.layer(layer.layer, reverse: false))
            for (name, matrix) in layer.series { Self.expectClose(try #require(live.series[name]), matrix) }
        }
        Self.expectClose(try #require(grown.output), try #require(whole.trace.output))
    }

    @Test func liveInputStopsFollowingWhenSteppedBack() throws {
        let network = Self.network()
        let empty = try network.run(Matrix(rows: 0, columns: 2))
        let feed = ScriptedFeed()
        var app = Self.session(ExplorerRun(name: "live", title: "live", trace: empty, network: network), feed: feed)
        feed.lines = ["0.1,0.2", "0.3,0.4", "0.5,0.6"]
        _ = app.handle(.tick)
        _ = app.handle(.key(.left))
        #expect(!app.isFollowing)
        feed.lines = ["0.7,0.8"]
        _ = app.handle(.tick)
        #expect(app.step == 1 && app.totalSteps == 4)
        _ = app.handle(.key(.character("G")))
        #expect(app.isFollowing && app.step == 3)
        feed.lines = ["0.9,1.0"]
        _ = app.handle(.tick)
        #expect(app.step == 4)
    }

    @Test func typingAppendsCharactersAsSteps() throws {
        var app = Self.session(BuiltInDemo.run())
        let before = app.totalSteps
        _ = app.handle(.key(.character("T")))
        #expect(app.isTyping)
        for character in "(()" { _ = app.handle(.key(.character(character))) }
        #expect(app.totalSteps == before + 3)
        #expect(app.step == before + 2)
        _ = app.handle(.key(.character("x")))
        #expect(app.totalSteps == before + 3)
        #expect(app.message?.contains("not in the vocabulary") == true)
        _ = app.handle(.key(.escape))
        #expect(!app.isTyping)
        // The typed steps equal a whole run over the longer text.
        let network = try #require(BuiltInDemo.run().network)
        let tokens = (BuiltInDemo.run().trace.tokens ?? []) + [0, 0, 1].map { id in id }
        let text = BuiltInDemo.run().trace.tokens.map { $0.map { network.vocabulary![$0] }.joined() } ?? ""
        let whole = try network.run(try network.encode(tokens: BuiltInDemo.tokens(for: text + "(()")))
        #expect(tokens.count == whole.steps)
        let grown = try app.readRows(0..<app.totalSteps)
        Self.expectClose(try #require(grown.layers.first?.series[SeriesName.cell]), try #require(whole.layers.first?.series[SeriesName.cell]))
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        #expect(buffer.plainText().contains("t=\(before + 3)/\(before + 3)"))
    }

    @Test func bookmarksAreAddedWithNotesJumpedToListedAndSaved() throws {
        let run = try ExplorerTestSupport.sineRun(Self.network(), steps: 50)
        let store = MemoryBookmarkStore()
        var app = Self.session(run, store: store)
        for _ in 0..<4 { _ = app.handle(.key(.right)) }
        _ = app.handle(.key(.character("b")))
        for character in "peak" { _ = app.handle(.key(.character(character))) }
        _ = app.handle(.key(.enter))
        _ = app.handle(.key(.character("G")))
        _ = app.handle(.key(.character("b")))
        _ = app.handle(.key(.enter))
        #expect(store.last == [StepBookmark(step: 4, note: "peak"), StepBookmark(step: 49)])
        _ = app.handle(.key(.character("g")))
        _ = app.handle(.key(.character("'")))
        #expect(app.step == 4)
        #expect(app.message == "bookmark t=5: peak")
        _ = app.handle(.key(.character("'")))
        #expect(app.step == 49)
        _ = app.handle(.key(.character("\"")))
        #expect(app.step == 4)
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        #expect(buffer.plainText().contains("★ peak"))
        _ = app.handle(.key(.character("B")))
        app.render(into: &buffer)
        #expect(buffer.plainText().contains("bookmarks (2)"))
        _ = app.handle(.key(.down))
        _ = app.handle(.key(.enter))
        #expect(app.step == 49 && app.bookmarkList == nil)
        _ = app.handle(.key(.character("b")))
        #expect(store.last == [StepBookmark(step: 4, note: "peak")])
        // Loaded bookmarks come back.
        var reopened = ExplorerSessionApp(run: run, bookmarks: store.last, bookmarkStore: store)
        _ = reopened.handle(.key(.character("'")))
        #expect(reopened.step == 4)
    }

    @Test func longRunsAreReadWindowByWindowAndDrawnLikeTheWholeRun() throws {
        let network = Self.network()
        let run = try ExplorerTestSupport.sineRun(network, steps: 9000)
        let source = CountingSource(trace: run.trace)
        var app = Self.session(ExplorerRun(name: "random", title: "long", trace: run.trace.rows(0..<1), network: network),
                               source: source)
        var plain = ExplorerApp(run: run)
        _ = plain.handle(.resize(width: 120, height: 40))
        // One colour scale for all units (S): per-unit ranges are fitted to the window, like c's.
        _ = app.handle(.key(.character("S")))
        _ = plain.handle(.key(.character("S")))
        #expect(source.largestRead <= 2 * StepWindowPlan.minimumRows)
        for key: Key in [.right, .right, .end, .left, .character("<"), .home, .character(">"), .character(">")] {
            _ = app.handle(.key(key))
            let target = app.step
            plain.state.seek(to: target)
            var a = CellBuffer(width: 120, height: 40)
            var b = CellBuffer(width: 120, height: 40)
            app.render(into: &a)
            plain.render(into: &b)
            // The gate heatmaps (fixed scale [0, 1]), cell for cell, and the time axis agree; scales fitted to
            // the values (c, the input sparkline, the predictions) and the statistics cover the window.
            let rows = a.plainText().split(separator: "\n", omittingEmptySubsequences: false)
            let first = try #require(rows.firstIndex { $0.contains("forget f") })
            let axis = try #require(rows.firstIndex { $0.contains("units 1–5 of 5") })
            for y in first..<axis { for x in 0..<70 { #expect(a[x, y] == b[x, y], "step \(target) x \(x) y \(y)") } }
            #expect(rows[axis].prefix(70) == b.plainText().split(separator: "\n", omittingEmptySubsequences: false)[axis].prefix(70))
            #expect(a.plainText().contains("t=\(target + 1)/9000"))
        }
        #expect(source.largestRead <= 2 * StepWindowPlan.minimumRows)
        #expect(source.rowsRead < 9000)
        var buffer = CellBuffer(width: 120, height: 40)
        _ = app.handle(.key(.end))
        app.render(into: &buffer)
        #expect(buffer.plainText().contains("t=9000/9000"))
        #expect(buffer.plainText().contains("statistics over steps"))
    }

    @Test func framesForExportsAreTheExplorersScreen() throws {
        let run = try ExplorerTestSupport.sineRun(Self.network(), steps: 60)
        var app = ExplorerSessionApp(run: run)
        app.jump(to: 41)
        let frame = app.frame(width: 100, height: 30)
        var state = ExplorerState(run: run)
        state.move(to: 41)
        #expect(frame == ExplorerTestSupport.render(state, width: 100, height: 30))
        #expect(frame.plainText().contains("t=42/60"))
    }

    @Test func windowPlansAreValid() {
        for total in [10, 4096, 4097, 10_000, 1_000_000] {
            for width in [1, 37, 58, 150, 1500] {
                for step in [0, 1, 57, 500, total / 2, total - 200, total - 1] where step >= 0 && step < total {
                    let rows = StepWindowPlan.rows(step: step, total: total, width: width)
                    #expect(StepWindowPlan.isValid(rows, step: step, total: total, width: width), "\(total) \(width) \(step)")
                }
            }
        }
    }

    @Test func compareViewRendersTwoTracesStepLocked() throws {
        let network = Self.network()
        let a = try ExplorerTestSupport.sineRun(network, steps: 30).trace
        var input = a.input
        input[10, 0] += 1
        let b = try network.run(input)
        var app = try CompareSessionApp(a: a, b: b, labelA: "a.csv", labelB: "b.csv")
        _ = app.handle(.resize(width: 120, height: 60))
        for _ in 0..<12 { _ = app.handle(.key(.right)) }
        #expect(app.step == 12)
        var buffer = CellBuffer(width: 120, height: 60)
        app.render(into: &buffer)
        let text = buffer.plainText()
        #expect(text.contains("A: a.csv   B: b.csv   step 13/30"))
        #expect(text.contains("forget gate · A") && text.contains("forget gate · B") && text.contains("|A − B|"))
        let view = try app.view(width: 120)
        #expect(view.windows.contains { $0.maxDifference(atStep: 12) > 0 })
        _ = app.handle(.key(.home))
        #expect(try app.view(width: 120).windows.allSatisfy { $0.maxDifference(atStep: 0) == 0 })
        #expect(throws: (any Error).self) { try CompareSessionApp(a: a, b: a.rows(0..<5), labelA: "a", labelB: "b") }
    }
}
