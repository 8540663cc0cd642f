import GateCanvas
import GateCore
@testable import GateExplorer
import Testing

/// `render` puts a text trace's input characters on the time axis: a row under the step numbers in
/// text output, a row of escaped `<text>` elements in SVG.
struct ExportInputTextTests {
    static func panel() -> HeatmapPanel {
        var values = Matrix(rows: 4, columns: 2)
        for t in 0..<4 { values[t, 0] = Float(t) / 4; values[t, 1] = 0.5 }
        var panel = HeatmapPanel(title: "forget gate", series: SeriesName.forgetGate, values: values, firstStep: 10, units: [0, 1])
        panel.inputText = ["a", "<", "&", "␣"]
        return panel
    }

    @Test func textOutputHasAnInputRowUnderTheSteps() {
        let panel = Self.panel()
        let buffer = HeatmapCanvas.buffer(panels: [panel], halfBlocks: false, mode: .monochrome)
        let lines = buffer.plainText().split(separator: "\n").map(String.init)
        #expect(lines.count == HeatmapCanvas.height(of: panel, halfBlocks: false))
        let input = lines[4]
        #expect(input.hasPrefix("input "))
        #expect(Array(input)[HeatmapCanvas.labelWidth..<(HeatmapCanvas.labelWidth + 4)].map(String.init) == ["a", "<", "&", "␣"])
        #expect(lines[3].hasPrefix("step"), "the step numbers stay right under the grid")
        var plain = panel
        plain.inputText = nil
        #expect(HeatmapCanvas.height(of: plain, halfBlocks: false) == lines.count - 1)
    }

    @Test func svgCarriesEscapedCharactersPerStep() {
        let svg = HeatmapSVG.document(panels: [Self.panel()], title: "t")
        #expect(svg.contains("<g class=\"input\""))
        #expect(svg.contains("data-step=\"11\">&lt;</text>"))
        #expect(svg.contains("data-step=\"12\">&amp;</text>"))
        #expect(svg.contains("data-step=\"10\">a</text>"))
        #expect(!svg.contains(">&</text>") && !svg.contains("><</text>"))
    }
}
