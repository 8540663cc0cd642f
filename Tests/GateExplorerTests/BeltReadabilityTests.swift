import Foundation
import GateCanvas
import GateCore
import GateFormats
import Testing
@testable import GateExplorer

/// The belt is readable by default: few near-white pixels, the scale named, one key to the global scale.
@Suite struct BeltReadabilityTests {
    /// The run of a shipped demo, read from demos/ the way `explore --demo` reads it.
    static func demoRun(_ name: String) throws -> ExplorerRun {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("demos").path
        let text = try String(contentsOfFile: root + "/catalog.tsv", encoding: .utf8)
        let catalog = DemoCatalog(parsing: text, directory: root)
        let entry = try #require(catalog.entry(named: name))
        let network = try ModelImporter.load(path: entry.modelPath)
        let sequence = try SequenceLoader.load(path: try #require(entry.inputPath), for: network)
        let trace = try network.run(sequence.input, tokens: sequence.tokens)
        return ExplorerRun(name: name, title: entry.title, trace: trace, network: network, vocabulary: network.vocabulary)
    }

    @Test func paleCountReadsBothHalvesOfEachDrawnCell() {
        var buffer = CellBuffer(width: 4, height: 1, colorMode: .truecolor)
        let white = TerminalColor.rgb(0xF7, 0xF7, 0xF7), blue = TerminalColor.rgb(0x21, 0x66, 0xAC)
        buffer[0, 0] = Cell("▀", style: CellStyle(foreground: white, background: blue))
        buffer[1, 0] = Cell("▀", style: CellStyle(foreground: white, background: white))
        buffer[2, 0] = Cell("▀", style: CellStyle(foreground: blue, background: .default))   // odd unit count
        buffer[3, 0] = Cell(" ")                                                            // a step still to come
        let counted = BeltPaleness.count(in: buffer, rects: [buffer.area])
        #expect(counted.pale == 3)
        #expect(counted.total == 5)
    }

    @Test func unitRangeIsThe98thPercentileOfMagnitude() {
        // Column 0: |values| 1…100 (sign alternating) → the 98th percentile is 99 (rank ⌈99·0.98⌉ = 98).
        // Column 1: all zero → the floor.
        var matrix = Matrix(rows: 100, columns: 2)
        for t in 0..<100 { matrix[t, 0] = Float(t + 1) * (t % 2 == 0 ? 1 : -1) }
        let ranges = UnitStatistics.unitRanges(matrix, floor: 0.5)
        #expect(ranges == [99, 0.5])
    }

    @Test(arguments: ["text", "reber", "adding", "brackets"])
    func beltIsMostlyNotPaleAfterSixtySteps(demo: String) throws {
        var state = ExplorerState(run: try Self.demoRun(demo))
        state.move(to: 59)
        let cell = try #require(state.panels.first { $0.isState }?.series)
        let share = BeltPaleness.share(of: state, series: cell)
        #expect(share <= 0.40, "c of \(demo) is \(Int(share * 100)) % pale")
        // The global linear scale is one key away, and it is the pale one on the text demo's ±98 belt.
        _ = state.apply(.toggleValueScaling, viewport: ExplorerViewport(unitsPerPage: 1, focusTargets: []))
        #expect(state.valueScaling == .global)
        if demo == "text" { #expect(BeltPaleness.share(of: state, series: cell) > 0.9) }
    }

    @Test func legendNamesTheScaleInRealValues() throws {
        var state = ExplorerState(run: try Self.demoRun("text"))
        state.move(to: 59)
        let unit = state.selectedUnit
        let cell = state.layer.series[SeriesName.cell]!
        var largest: Float = 0
        for t in 0..<cell.rows { largest = max(largest, abs(cell[t, unit])) }
        let perUnit = ExplorerTestSupport.render(state, width: 80, height: 24).plainText()
        #expect(perUnit.contains("c per unit, unit \(unit + 1): −"))
        _ = state.apply(.toggleValueScaling, viewport: ExplorerViewport(unitsPerPage: 1, focusTargets: []))
        var all: Float = 0
        for value in cell.values where value.isFinite { all = max(all, abs(value)) }
        let global = ExplorerTestSupport.render(state, width: 80, height: 24).plainText()
        #expect(global.contains("c one scale: −\(Int(all.rounded())) "))
        #expect(largest <= all)
    }

    @Test func allLayerBandsFollowTheColourRangeKey() throws {
        var state = ExplorerState(run: try Self.demoRun("brackets-stacked"))
        let viewport = ExplorerViewport(unitsPerPage: 1, focusTargets: [])
        _ = state.apply(.toggleAllLayers, viewport: viewport)
        state.move(to: state.totalSteps - 1)
        let perUnit = ExplorerTestSupport.render(state, width: 200, height: 60)
        #expect(perUnit.plainText().contains("─ − █████ + per unit (S)"))
        _ = state.apply(.toggleValueScaling, viewport: viewport)
        let global = ExplorerTestSupport.render(state, width: 200, height: 60)
        #expect(global.plainText().contains("─ −") && global.plainText().contains(" █████ +"))
        #expect(!global.plainText().contains("per unit (S)"))
        // The maps themselves change colour (units far smaller than the band's largest get stronger).
        #expect(perUnit.cells != global.cells)
    }
}
