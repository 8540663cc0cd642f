import GateCanvas
import GateCore
import Testing
@testable import GateExplorer

/// Numeric inputs with a few features show one sparkline per feature when there is room.
struct ExplorerInputRowsTests {
    static func run(features: Int, names: String?, hidden: Int = 4) throws -> ExplorerRun {
        var network = ExplorerTestSupport.randomNetwork(kind: .lstm, input: features, hidden: hidden)
        if let names { network.metadata["features"] = names }
        var input = Matrix(rows: 30, columns: features)
        for t in 0..<30 { input[t, 0] = Float(t % 7); if features > 1 { input[t, 1] = t == 9 || t == 13 ? 1 : 0 } }
        return ExplorerRun(name: "adding-like", title: "two features", trace: try network.run(input), network: network)
    }

    @Test func eachFeatureGetsANamedRowWhenThereIsRoom() throws {
        let state = ExplorerState(run: try Self.run(features: 2, names: "value,marker"))
        let lines = ExplorerTestSupport.render(state, width: 120, height: 40).plainText().split(separator: "\n")
        let value = try #require(lines.first { $0.hasPrefix(" x₁ value") })
        let marker = try #require(lines.first { $0.hasPrefix(" x₂ marker") })
        // The marker row is low everywhere but at steps 10 and 14 (1-based).
        let glyphs = Array(marker.drop { $0 != "▁" && $0 != "█" })
        #expect(glyphs[9] == "█" && glyphs[13] == "█" && glyphs[0] == "▁")
        #expect(value.contains("▁") && value.contains("█"))
    }

    @Test func featuresBeyondTheRowsShownAreCounted() throws {
        // 6 features, at most 4 rows: the last row shown says 2 more are hidden.
        let state = ExplorerState(run: try Self.run(features: 6, names: nil, hidden: 32))
        let text = ExplorerTestSupport.render(state, width: 80, height: 24).plainText()
        #expect(text.contains(" x₄ +2"))
    }

    @Test func atEightyByTwentyFourTheMarkerRowTakesAHeatmapRow() throws {
        // 32 units want 16 text rows a panel; 24 rows leave 3 a panel and none spare, so each panel
        // gives one up for the marker row (the adding problem's second feature).
        let state = ExplorerState(run: try Self.run(features: 2, names: "value,marker", hidden: 32))
        let layout = ExplorerLayout(state: state, width: 80, height: 24, colorMode: .truecolor)
        #expect(layout.input.height == 2)
        #expect(layout.rowsPerPanel == 2)
        let lines = ExplorerTestSupport.render(state, width: 80, height: 24).plainText().split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix(" x₁ value") })
        #expect(lines.contains { $0.hasPrefix(" x₂ marker") })
    }
}
