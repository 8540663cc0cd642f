import GateCanvas
import GateCore
import GateExplorer
import Testing

/// The compare view's three panels at 80 columns: each colour bar stays inside its panel's width, so
/// the high label of one does not run into the low label of the next ("1.00-1.00").
@Suite struct HeatmapColourBarFitTests {
    @Test func colourBarStaysWithinMaximumWidth() {
        let panel = HeatmapPanel(title: "hidden · A", series: "hidden", values: Matrix(rows: 4, columns: 2, values: [-1, 1, 0.5, -0.5, 0, 0, 1, -1]),
                                 firstStep: 0, units: [0, 1])
        var buffer = CellBuffer(width: 80, height: 6)
        for index in 0..<3 {
            HeatmapCanvas.draw(panel, into: &buffer, x: index * 27, y: 0, halfBlocks: true, maximumWidth: 25)
        }
        let lines = buffer.plainText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let bar = lines[3]
        #expect(!bar.contains("1.00-1.00"), "\(bar)")
        for index in 0..<3 {
            let columns = Array(bar)
            // Columns 25 and 26 of each panel (the gap) stay empty.
            #expect(columns.count <= index * 27 + 25 || columns[index * 27 + 25] == " ", "\(bar)")
        }
        var wide = CellBuffer(width: 80, height: 6)
        HeatmapCanvas.draw(panel, into: &wide, x: 0, y: 0, halfBlocks: true)
        #expect(wide.plainText().contains("-1.00 "))
    }
}
