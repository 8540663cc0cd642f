import GateCanvas
import GateCore
@testable import GateExplorer
import Testing

/// The compare view shows both inputs' characters above their heatmaps and marks where they differ.
struct CompareTextRowTests {
    @Test func bothInputsShowAndDifferencesAreMarked() throws {
        let a = BuiltInDemo.run(text: "(()(").trace, b = BuiltInDemo.run(text: "(())").trace
        var app = try CompareSessionApp(a: a, b: b, labelA: "A", labelB: "B",
                                        vocabularyA: BuiltInDemo.vocabulary, vocabularyB: BuiltInDemo.vocabulary)
        _ = app.handle(.resize(width: 120, height: 40))
        _ = app.handle(.key(.end))
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        let row = buffer.plainText().split(separator: "\n", omittingEmptySubsequences: false)[2]
        let columnWidth = (120 - 4) / 3
        let x = HeatmapCanvas.labelWidth
        let cells = Array(row)
        #expect(String(cells[0..<4]) == "A in" && String(cells[x..<(x + 4)]) == "(()(")
        #expect(String(cells[(columnWidth + 2 + x)..<(columnWidth + 2 + x + 4)]) == "(())")
        #expect(String(cells[(2 * (columnWidth + 2) + x)..<(2 * (columnWidth + 2) + x + 4)]) == "   ≠", "only step 4 differs")
    }

    @Test func numericRunsHaveNoTextRow() throws {
        let run = try ExplorerTestSupport.sineRun(ExplorerTestSupport.randomNetwork(kind: .gru, input: 1, hidden: 2), steps: 5)
        var app = try CompareSessionApp(a: run.trace, b: run.trace, labelA: "A", labelB: "B")
        _ = app.handle(.resize(width: 120, height: 40))
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        #expect(!buffer.plainText().contains("A in"))
    }
}
