import GateCanvas
import GateCore
import Testing
@testable import GateExplorer

/// Finite but extreme values (Float's ±3e38, a gate of 1e18, a head weight of 1e20) and NaN never
/// trap a view or a label, and NaN is drawn as its own glyph rather than like 0.
struct FiniteExtremesTests {
    @Test func saturatingIntConversionIsTotal() {
        #expect(Int(saturating: Double.nan) == 0)
        #expect(Int(saturating: Float.nan, nan: 7) == 7)
        #expect(Int(saturating: Double.infinity) == .max)
        #expect(Int(saturating: -Double.infinity) == .min)
        #expect(Int(saturating: 0x1p63) == .max)
        #expect(Int(saturating: -0x1p63) == .min)
        #expect(Int(saturating: Float(3e38)) == .max)
        #expect(Int(saturating: 12.9) == 12)
        #expect(Int(saturating: -12.9) == -12)
    }

    @Test func percentOfAHugeGateIsPrintedNotTrapped() {
        #expect(NumberFormat.percent(1e18) == "1e+20%")
        #expect(NumberFormat.percent(0.913) == "91%")
        #expect(NumberFormat.percent(-0.004) == "0%")
    }

    @Test func twoDecimalsOfAHugeOrMissingValue() {
        #expect(String(format2: 1e22) == "1e+22")
        #expect(String(format2: -2.5e21) == "-2.5e+21")
        #expect(String(format2: .nan) == "nan")
        #expect(String(format2: -1.254) == "-1.25")
        #expect(String(format2: -0.001) == "0.00")
    }

    @Test func sparklineSpansFloatsWholeRange() {
        #expect(Sparkline.glyph(3e38, low: -3e38, high: 3e38) == "█")
        #expect(Sparkline.glyph(-3e38, low: -3e38, high: 3e38) == "▁")
        #expect(Sparkline.glyph(0, low: -3e38, high: 3e38) == "▅")
        #expect(Sparkline.glyph(.nan, low: 0, high: 1) == "×")
        #expect(Sparkline.glyph(.infinity, low: 0, high: 1) == "█")
        #expect(Sparkline.glyph(-.infinity, low: 0, high: 1) == "▁")
    }

    @Test func nanHeatmapCellHasItsOwnGlyph() {
        let palette = ColorScale.sequential
        for mode in [ColorMode.truecolor, .monochrome] {
            let table = ScaleTable(scale: palette, mode: mode)
            #expect(table.cell(upper: .nan, lower: 0.5).grapheme == "×")
            #expect(table.cell(upper: 0.5, lower: .nan).grapheme == "×")
            #expect(table.cell(upper: 0, lower: 0).grapheme != "×")
        }
    }

    @Test func explorerDrawsAnInputAtFloatsLimits() throws {
        let network = ExplorerTestSupport.randomNetwork(kind: .lstm, input: 1, hidden: 3)
        let values: [Float] = [3e38, -3e38, 0, 1, -1, 3e38, 2]
        let trace = try network.run(Matrix(rows: values.count, columns: 1, values: values))
        var state = ExplorerState(run: ExplorerRun(name: "extreme", title: "extreme input", trace: trace, network: network))
        state.move(to: values.count - 1)
        let screen = ExplorerTestSupport.render(state).plainText()
        let inputLine = try #require(screen.split(separator: "\n").first { $0.contains("input x") })
        #expect(inputLine.contains("█▁▅▅▅█▅"), "input row: \(inputLine)")
    }
}
