import GateCanvas
import GateCore
@testable import GateExplorer
import Testing

/// The compare view on runs with 5-digit steps: every step label under a heatmap stays inside its
/// panel, whole (the number written is the step of the column its `╵` marks), and `:` goes to a step
/// typed as a number, as in the explorer.
@Suite struct CompareAxisAndGoToTests {
    static let steps = 12_000

    /// Two runs of a small LSTM on inputs that differ at one step, compared.
    static func app() throws -> CompareSessionApp {
        let network = ExplorerTestSupport.randomNetwork(kind: .lstm, input: 2, hidden: 3)
        let a = try ExplorerTestSupport.sineRun(network, steps: steps).trace
        var input = a.input
        input[10_500, 0] += 1
        return try CompareSessionApp(a: a, b: try network.run(input), labelA: "a.npy", labelB: "b.npy")
    }

    /// The app drawn at `width`×`height`.
    static func buffer(_ app: CompareSessionApp, width: Int, height: Int) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        app.render(into: &buffer)
        return buffer
    }

    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func stepLabelsStayWholeInsideTheirPanel(size: (Int, Int)) throws {
        var app = try Self.app()
        _ = app.handle(.resize(width: size.0, height: size.1))
        app.move(to: 9_999)
        let view = try app.view(width: size.0)
        let firstStep = try #require(view.windows.first?.firstStep)
        let columnWidth = max(HeatmapCanvas.labelWidth + 4, (size.0 - 4) / 3)
        let buffer = Self.buffer(app, width: size.0, height: size.1)
        let lines = buffer.plainText().split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        var checked = 0
        for line in lines where line.starts(with: Array("step")) {
            for panel in 0..<3 {
                let left = panel * (columnWidth + 2)
                // Each panel's axis begins with "step"; nothing of another panel runs into it.
                #expect(String(line[left..<min(line.count, left + 4)]) == "step", "panel \(panel + 1) at \(size)")
                for x in left..<min(line.count, left + columnWidth) where line[x] == "╵" {
                    let digits = line[(x + 1)...].prefix { $0.isNumber }
                    let number = try #require(Int(String(digits)))
                    #expect(number == firstStep + 1 + (x - left - HeatmapCanvas.labelWidth), "label at column \(x)")
                    #expect(x + 1 + digits.count <= left + columnWidth, "label \(number) runs past its panel")
                    checked += 1
                }
                let gapEnd = min(line.count, left + columnWidth + 2)
                #expect(line[min(line.count, left + columnWidth)..<gapEnd].allSatisfy { $0 == " " }, "gap after panel \(panel + 1)")
            }
        }
        #expect(checked >= 3, "at least one step label per panel at \(size)")
    }

    @Test func colonGoesToATypedStep() throws {
        var app = try Self.app()
        _ = app.handle(.resize(width: 120, height: 40))
        let hints = Self.buffer(app, width: 120, height: 40).plainText()
        #expect(hints.contains(": go to step"), "the hint line names the key")
        for key in ":10001".map({ Key.character($0) }) + [.enter] { _ = app.handle(.key(key)) }
        #expect(app.step == 10_000)
        #expect(app.goTo == nil)
        // Past the end: the last step, and a notice saying so.
        for key in ":99999".map({ Key.character($0) }) + [.enter] { _ = app.handle(.key(key)) }
        #expect(app.step == Self.steps - 1)
        #expect(Self.buffer(app, width: 120, height: 40).plainText().contains("the runs have 12000 steps: went to the last"))
        // Esc closes the prompt without moving; keys typed into it do not step.
        for key: Key in [.character(":"), .character("5"), .character("l"), .escape] { _ = app.handle(.key(key)) }
        #expect(app.step == Self.steps - 1 && app.goTo == nil)
    }

    @Test func colonWithUPagesToTheUnitsBlock() throws {
        let network = ExplorerTestSupport.randomNetwork(kind: .lstm, input: 2, hidden: 40)
        let a = try ExplorerTestSupport.sineRun(network, steps: 30).trace
        var app = try CompareSessionApp(a: a, b: a, labelA: "a", labelB: "b")
        app.begin(colorMode: .monochrome)
        _ = app.handle(.resize(width: 120, height: 24))
        for key in ":u 35".map({ Key.character($0) }) + [.enter] { _ = app.handle(.key(key)) }
        let view = try app.view(width: 120)
        let (all, _) = view.blocks(area: Rect(x: 0, y: 0, width: 120, height: 23), mode: .monochrome)
        #expect(all[app.firstBlock].window == 0 && all[app.firstBlock].units.contains(34))
        for key in ":u 41".map({ Key.character($0) }) + [.enter] { _ = app.handle(.key(key)) }
        #expect(app.message == "this series has 40 units: type u 1 to u 40")
    }

    @Test func helpListsGoToAndClosesWithEscape() throws {
        var app = try Self.app()
        _ = app.handle(.resize(width: 120, height: 40))
        _ = app.handle(.key(.character("?")))
        let help = Self.buffer(app, width: 120, height: 40).plainText()
        #expect(help.contains("go to a step (:400001)"))
        #expect(help.contains("a screen of steps back / forward"))
        #expect(!help.contains("sort units"), "keys the compare view ignores are left out")
        _ = app.handle(.key(.character(">")))
        #expect(app.step == 0, "keys under the help do not move")
        _ = app.handle(.key(.escape))
        #expect(!app.showsHelp)
    }

    @Test func compareAtStep10000MatchesItsGolden() throws {
        var app = try Self.app()
        _ = app.handle(.resize(width: 120, height: 40))
        app.move(to: 9_999)
        let (actual, golden) = try BufferSnapshot.compare(Self.buffer(app, width: 120, height: 40), named: "compare-step-10000-120x40")
        #expect(actual == golden)
    }
}
