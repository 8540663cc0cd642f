import GateCanvas
import GateCore
@testable import GateExplorer
import Testing

/// Annotation tracks drawn as rows above the heatmaps, aligned with the input characters.
@Suite struct AnnotationRowsTests {
    static func run() -> ExplorerRun {
        var run = BuiltInDemo.run()   // (()(()))((())
        run.trace.annotations = [
            AnnotationTrack(name: "kind", values: .labels(["open", "open", "", "open", "open", "", "", "", "open", "open", "open", "", ""])),
            AnnotationTrack(name: "depth", values: .numbers([1, 2, 1, 2, 3, 2, 1, 0, 1, 2, 3, 2, 1])),
        ]
        return run
    }

    @Test func tracksSitUnderTheInputAlignedWithTime() throws {
        var app = ExplorerSessionApp(run: Self.run())
        _ = app.handle(.resize(width: 120, height: 40))
        _ = app.handle(.key(.character("a")))   // every step drawn
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        let layout = app.explorer.layout
        let rows = try #require(layout.annotations)
        #expect(rows.height == 2)
        let lines = buffer.plainText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let x = layout.heatmapX
        let kind = Array(lines[rows.y]), depth = Array(lines[rows.y + 1])
        #expect(String(kind[1..<5]) == "kind" && String(depth[1..<6]) == "depth")
        // Runs of 2, 2 and 3 steps: too short for their label, so each step shows its first letter;
        // the cursor (step 1) is drawn reversed over its letter.
        #expect(String(kind[x..<(x + 13)]) == "oo oo   ooo  ")
        #expect(buffer[x, rows.y].style.reverse)
        // Depth 0…3 as a sparkline over its range: 1 → ▃, 2 → ▆, 3 → █, 0 → ▁.
        #expect(String(depth[x..<(x + 13)]) == "▃▆▃▆█▆▃▁▃▆█▆▃")
        #expect(lines[rows.y - 2].contains("(()(()))((())"), "the input row stays first")
    }

    @Test func aLabelThatFitsItsRunIsWrittenOut() throws {
        var run = BuiltInDemo.run()
        run.trace.annotations = [AnnotationTrack(name: "part", values: .labels(Array(repeating: "intro", count: 7) + Array(repeating: "x", count: 6)))]
        var app = ExplorerSessionApp(run: run)
        _ = app.handle(.resize(width: 120, height: 40))
        _ = app.handle(.key(.character("a")))
        _ = app.handle(.key(.end))
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        let layout = app.explorer.layout
        let row = try #require(layout.annotations)
        let line = Array(buffer.plainText().split(separator: "\n", omittingEmptySubsequences: false)[row.y])
        #expect(String(line[layout.heatmapX..<(layout.heatmapX + 13)]) == "intro··x·····")
    }
}

/// A recording made in the explorer keeps the annotation values of the steps it recorded.
@Suite struct AnnotationRecordingTests {
    @Test func recordedStepsKeepTheirTracks() throws {
        let sink = MemoryRecordingSink()
        var app = ExplorerSessionApp(run: AnnotationRowsTests.run(), recordingSink: sink)
        _ = app.handle(.resize(width: 120, height: 40))
        _ = app.handle(.key(.right))
        _ = app.handle(.key(.character("r")))
        for _ in 0..<3 { _ = app.handle(.key(.right)) }
        _ = app.handle(.key(.character("r")))
        let saved = try #require(sink.saved.first)
        // Steps 2–5 (0-based 1…4) of kind ["open", "open", "", "open", "open", …] and depth [1, 2, 1, 2, 3, …].
        #expect(saved.trace.annotations.map(\.name) == ["kind", "depth"])
        #expect(saved.trace.annotations[0].values == .labels(["open", "", "open", "open"]))
        #expect(saved.trace.annotations[1].values == .numbers([2, 1, 2, 3]))
    }
}
