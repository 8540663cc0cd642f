import GateCanvas
import Testing
@testable import GateCore
@testable import GateExplorer

/// Mouse clicks in the all-layers view (`A`) select the band's layer and direction, the step and the
/// unit that were drawn under the pointer: rendered, then clicked with synthetic mouse events.
@Suite struct BandClickTests {
    /// An app showing the bands of `network`, told the screen as the run loop tells it (colour mode,
    /// then a resize) and rendered once at `width` × `height` in `mode`.
    static func app(_ network: RecurrentNetwork, width: Int, height: Int, mode: ColorMode) throws -> (ExplorerApp, CellBuffer) {
        var state = ExplorerState(run: try ExplorerTestSupport.sineRun(network, steps: 30))
        state.setShowsAllLayers(true)
        var app = ExplorerApp(state: state)
        app.begin(colorMode: mode)
        _ = app.handle(.resize(width: width, height: height))
        var buffer = CellBuffer(width: width, height: height, colorMode: mode)
        app.render(into: &buffer)
        return (app, buffer)
    }

    static func click(_ app: inout ExplorerApp, x: Int, y: Int) {
        _ = app.handle(.mouse(MouseEvent(x: x, y: y, action: .press(.left))))
        _ = app.handle(.mouse(MouseEvent(x: x, y: y, action: .release(.left))))
    }

    @Test(arguments: [(80, 24, ColorMode.truecolor), (120, 40, .truecolor), (200, 60, .monochrome), (100, 30, .monochrome)])
    func clickingAStackedBandSelectsItsLayerStepAndUnit(width: Int, height: Int, mode: ColorMode) throws {
        let network = ExplorerTestSupport.randomNetwork(kind: .lstm, input: 2, hidden: 4, layers: 3)
        let (start, screen) = try Self.app(network, width: width, height: height, mode: mode)
        let placements = ExplorerFrame(state: start.state, width: width, height: height, mode: mode).bandPlacements()
        #expect(placements.count == 3)
        for (index, placement) in placements.enumerated() where placement.heatmap.height > 0 {
            #expect(screen.plainText().split(separator: "\n", omittingEmptySubsequences: false)[placement.titleY]
                .contains("layer \(placement.band.trace.layer + 1) "), "band \(index)'s title is where it was placed")
            for (row, column) in [(0, 0), (placement.heatmap.height - 1, 7), (placement.heatmap.height / 2, 21)] {
                var app = start
                Self.click(&app, x: placement.heatmap.x + column, y: placement.heatmap.y + row)
                let units = try #require(placement.units(inRow: row))
                #expect(app.state.layerIndex == placement.band.trace.layer, "band \(index) row \(row)")
                #expect(app.state.isReverse == false)
                #expect(app.state.step == column, "the step under the pointer")
                // Half blocks: a click on the already selected upper unit of the inspected band takes the lower one.
                let inspected = placement.band.trace.layer == start.state.layerIndex
                let expected = inspected && units.upper == start.state.selectedUnit ? (units.lower ?? units.upper) : units.upper
                #expect(app.state.selectedUnit == expected, "the unit drawn in that row")
            }
        }
        // The title row selects the band's layer and leaves the step alone.
        var app = start
        let top = try #require(placements.last)
        Self.click(&app, x: 5, y: top.titleY)
        #expect(app.state.layerIndex == 2 && app.state.step == start.state.step)
    }

    @Test(arguments: [(80, 24, ColorMode.monochrome), (200, 60, .truecolor)])
    func clickingABidirectionalBandSelectsTheDirection(width: Int, height: Int, mode: ColorMode) throws {
        let network = ExplorerTestSupport.randomNetwork(kind: .gru, input: 2, hidden: 3, bidirectional: true)
        let (start, _) = try Self.app(network, width: width, height: height, mode: mode)
        let placements = ExplorerFrame(state: start.state, width: width, height: height, mode: mode).bandPlacements()
        #expect(placements.count == 3, "forward, reverse, and the concatenated output")
        let reverse = try #require(placements.first { $0.band.trace.isReverse && !$0.band.isConcatenated })
        var app = start
        Self.click(&app, x: reverse.heatmap.x + 4, y: reverse.heatmap.y)
        #expect(app.state.isReverse && app.state.layerIndex == 0 && app.state.step == 4)
        #expect(app.state.selectedUnit == 0)
        // Back to forward through the forward band.
        let forward = try #require(placements.first)
        Self.click(&app, x: forward.heatmap.x + 2, y: forward.heatmap.y)
        #expect(!app.state.isReverse && app.state.step == 2)
        // The output band: its last row is the reverse half.
        let output = try #require(placements.first { $0.band.isConcatenated })
        try #require(output.heatmap.height > 0, "the output band has rows to click")
        let lastRow = output.heatmap.height - 1
        let units = try #require(output.units(inRow: lastRow))
        var outputApp = start
        Self.click(&outputApp, x: output.heatmap.x + 3, y: output.heatmap.y + lastRow)
        let row = units.upper
        #expect(outputApp.state.isReverse == (row >= 3))
        #expect(outputApp.state.selectedUnit == row % 3)
        #expect(outputApp.state.step == 3)
    }

    @Test func clicksOutsideTheBandsChangeNothing() throws {
        let network = ExplorerTestSupport.randomNetwork(kind: .lstm, input: 2, hidden: 4, layers: 2)
        let (start, _) = try Self.app(network, width: 120, height: 40, mode: .truecolor)
        var app = start
        Self.click(&app, x: 119, y: 39)
        #expect(app.state.step == start.state.step && app.state.layerIndex == start.state.layerIndex)
        #expect(app.state.selectedUnit == start.state.selectedUnit)
    }
}
