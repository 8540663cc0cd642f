import GateCanvas
#if canImport(Glibc)
import Glibc
#endif
import Testing
import GateCore
import GateFormats
@testable import GateExplorer

/// The compare view: two step-locked traces and |A − B| per gate, checked by rendering.
@Suite struct CompareViewTests {
    static func traces() throws -> (NetworkTrace, NetworkTrace) {
        let network = ExplorerTestSupport.randomNetwork(kind: .lstm, input: 1, hidden: 4)
        let a = Matrix(rows: 30, columns: 1, values: (0..<30).map { sinf(Float($0) / 3) })
        var b = a
        b[20, 0] += 0.5  // the inputs differ from step 20 on
        return (try network.run(a), try network.run(b))
    }

    @Test func identicalBeforeTheChangeAndDifferentAfter() throws {
        let (a, b) = try Self.traces()
        let before = CompareView(a: a, b: b, labelA: "a.safetensors", labelB: "b.safetensors", layer: 0, step: 19, windowSteps: 20)
        #expect(before.windows.count == 6)
        #expect(before.windows.allSatisfy { $0.maxDifference(atStep: 19) == 0 })
        let after = CompareView(a: a, b: b, labelA: "a.safetensors", labelB: "b.safetensors", layer: 0, step: 25, windowSteps: 20)
        #expect(after.windows.first { $0.series == SeriesName.inputGate }!.maxDifference(atStep: 20) > 0)
        #expect(after.windows[0].firstStep == 6 && after.windows[0].a.rows == 20)
    }

    /// Rows a background fill has not reached are NaN on both sides: their difference is not known
    /// (×, "not computed yet"), never 0; NaN on both sides of finished traces still counts as equal.
    @Test func rowsNotComputedYetHaveNoDifference() throws {
        let (a, b) = try Self.traces()
        var view = CompareView(a: a, b: b, labelA: "a", labelB: "b", layer: 0, step: 25, series: [SeriesName.forgetGate], windowSteps: 20)
        for index in view.windows.indices {
            for column in 0..<view.windows[index].a.columns {
                view.windows[index].a[25 - view.windows[index].firstStep, column] = .nan
                view.windows[index].b[25 - view.windows[index].firstStep, column] = .nan
            }
        }
        var finished = CellBuffer(width: 110, height: 30)
        view.draw(into: &finished, area: finished.area)
        #expect(finished.plainText().hasPrefix("A: a   B: b   step 26/30   max |Δ| here: 0.0000"))
        for index in view.windows.indices { view.windows[index].bothNaNUnknown = true }
        #expect(view.windows.allSatisfy { $0.isUnknown(atStep: 25) && !$0.isUnknown(atStep: 24) })
        #expect(view.windows[0].difference[25 - view.windows[0].firstStep, 0].isNaN)
        var computing = CellBuffer(width: 110, height: 30)
        view.draw(into: &computing, area: computing.area)
        let text = computing.plainText()
        #expect(text.hasPrefix("A: a   B: b   step 26/30   |Δ| here: not computed yet"))
        #expect(text.contains("×"))
    }

    @Test func rendersThreeHeatmapsPerSeries() throws {
        let (a, b) = try Self.traces()
        let view = CompareView(a: a, b: b, labelA: "a", labelB: "b", layer: 0, step: 25, series: [SeriesName.forgetGate, SeriesName.cell],
                               windowSteps: 20)
        var buffer = CellBuffer(width: 110, height: 30)
        view.draw(into: &buffer, area: buffer.area)
        let text = buffer.plainText()
        #expect(text.hasPrefix("A: a   B: b   step 26/30   max |Δ| here: "))
        #expect(text.contains("forget gate · A"))
        #expect(text.contains("forget gate · B"))
        #expect(text.contains("cell · B"))
        #expect(text.contains("|A − B| (max "))
        // The Δ panel's columns before step 20 show zero difference: the sequential scale's lowest colour.
        let zero = ColorScale.sequential.color(for: 0, mode: .truecolor)
        let deltaX = 2 * ((110 - 4) / 3 + 2) + HeatmapCanvas.labelWidth
        let cell = buffer[deltaX, 3]  // step 6, units 0–1
        #expect(cell.grapheme == "▀")
        #expect(cell.style.foreground == zero && cell.style.background == zero)
        let later = buffer[deltaX + 19, 3]  // step 25
        #expect(later.style.foreground != zero || later.style.background != zero)
    }
}
