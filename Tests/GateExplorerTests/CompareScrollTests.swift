import GateCanvas
import Testing
@testable import GateCore
@testable import GateExplorer

/// The compare view (`replay A --compare B`) pages through series and units that do not fit
/// vertically with ↑/↓ and PgUp/PgDn, and says which are in view.
@Suite struct CompareScrollTests {
    static func app(hidden: Int) throws -> CompareSessionApp {
        let network = ExplorerTestSupport.randomNetwork(kind: .lstm, input: 2, hidden: hidden)
        let a = try ExplorerTestSupport.sineRun(network, steps: 30).trace
        var input = a.input
        input[10, 0] += 1
        return try CompareSessionApp(a: a, b: try network.run(input), labelA: "a", labelB: "b")
    }

    static func screen(_ app: CompareSessionApp, width: Int, height: Int, mode: ColorMode = .truecolor) -> String {
        var buffer = CellBuffer(width: width, height: height, colorMode: mode)
        app.render(into: &buffer)
        return buffer.plainText()
    }

    @Test func arrowsAndPagesMoveThroughEverySeries() throws {
        var app = try Self.app(hidden: 6)
        _ = app.handle(.resize(width: 120, height: 24))
        let series = try app.view(width: 120).windows.map { $0.series.split(separator: "_").joined(separator: " ") }
        #expect(series.count > 3)
        let first = Self.screen(app, width: 120, height: 24)
        #expect(first.contains("series 1–"), "says which series are in view")
        #expect(first.contains("of \(series.count):"))
        #expect(first.contains("· ↓ PgUp/PgDn for more") && !first.contains("↑/↓ PgUp/PgDn for more"))
        #expect(first.contains("\(series[0]) · A"))
        #expect(!first.contains("\(series[series.count - 1]) · A"), "the last series is cut off at first")

        _ = app.handle(.key(.down))
        #expect(app.firstBlock == 1)
        let second = Self.screen(app, width: 120, height: 24)
        #expect(!second.contains("\(series[0]) · A") && second.contains("\(series[1]) · A"))
        #expect(second.contains("↑/↓ PgUp/PgDn for more"))

        for _ in 0..<3 { _ = app.handle(.key(.pageDown)) }
        let last = Self.screen(app, width: 120, height: 24)
        #expect(last.contains("\(series[series.count - 1]) · A"), "PgDn reaches the last series")
        #expect(app.firstBlock == series.count - 1, "clamped at the last block")
        _ = app.handle(.key(.down))
        #expect(app.firstBlock == series.count - 1)

        for _ in 0..<20 { _ = app.handle(.key(.pageUp)) }
        #expect(app.firstBlock == 0)
        _ = app.handle(.key(.up))
        #expect(app.firstBlock == 0)
        // Stepping keeps the page.
        _ = app.handle(.key(.down))
        _ = app.handle(.key(.right))
        #expect(app.firstBlock == 1 && app.step == 1)
    }

    @Test func aSeriesTallerThanTheScreenIsSplitIntoUnitRanges() throws {
        var app = try Self.app(hidden: 40)
        app.begin(colorMode: .monochrome)
        _ = app.handle(.resize(width: 120, height: 24))
        let text = Self.screen(app, width: 120, height: 24, mode: .monochrome)
        // 23 rows above the hints: header, in-view line, then title, 17 unit rows, axis, colour bar.
        #expect(text.contains("units 1–17 of 40"), "\(text)")
        var seen = Set<String>()
        for _ in 0..<40 {
            let view = try app.view(width: 120)
            let (all, visible) = view.blocks(area: Rect(x: 0, y: 0, width: 120, height: 23), mode: .monochrome)
            for block in all[visible] { seen.insert("\(block.window):\(block.units)") }
            _ = app.handle(.key(.down))
        }
        let view = try app.view(width: 120)
        let all = view.blocks(area: Rect(x: 0, y: 0, width: 120, height: 23), mode: .monochrome).all
        #expect(seen.count == all.count, "↓ reaches every block")
        #expect(all.filter { $0.window == 0 }.map(\.units) == [0..<17, 17..<34, 34..<40])
    }

    @Test func everythingFitsSaysNothingExtra() throws {
        var app = try Self.app(hidden: 2)
        _ = app.handle(.resize(width: 160, height: 80))
        let text = Self.screen(app, width: 160, height: 80)
        #expect(!text.contains("PgUp/PgDn"))
        _ = app.handle(.key(.down))
        #expect(app.firstBlock == 1, "scrolling is still allowed but harmless")
    }
}
