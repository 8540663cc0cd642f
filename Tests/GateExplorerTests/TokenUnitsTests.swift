import GateCanvas
import GateCore
@testable import GateExplorer
import Testing

/// The explorer's token tools on a hand-made trace whose answers are known: unit 3 is +1 exactly at
/// the 'b' steps (0 elsewhere), unit 1 is +0.5 exactly at the 'a' steps, unit 2 is constant.
@Suite struct TokenUnitsTests {
    static let tokens = [0, 1, 2, 1, 0, 2, 1, 0]   // a b c b a c b a

    static func run() -> ExplorerRun {
        var hidden = Matrix(rows: tokens.count, columns: 3)
        for (t, token) in tokens.enumerated() {
            hidden[t, 0] = token == 0 ? 0.5 : 0
            hidden[t, 1] = 0.25
            hidden[t, 2] = token == 1 ? 1 : 0
        }
        let layer = LayerTrace(layer: 0, isReverse: false, kind: .rnnTanh, series: [SeriesName.hidden: hidden])
        let trace = NetworkTrace(input: Matrix(rows: tokens.count, columns: 1), tokens: tokens, layers: [layer])
        return ExplorerRun(name: "tokens", title: "hand-made", trace: trace, vocabulary: ["a", "b", "c"])
    }

    static func session() -> ExplorerSessionApp {
        var app = ExplorerSessionApp(run: run())
        _ = app.handle(.resize(width: 120, height: 40))
        return app
    }

    @Test func uListsTheUnitsForTheTokenAtTheCursorStrongestFirst() throws {
        var app = Self.session()
        _ = app.handle(.key(.right))   // step 2 reads 'b'
        _ = app.handle(.key(.character("u")))
        let list = try #require(app.tokenUnits)
        #expect(list.token == 1)
        // 'b': unit 3 is 1 − 0 = +1; unit 1 is 0 − 0.5·3/5 = −0.3; unit 2 is 0.
        #expect(list.items.map(\.unit) == [2, 0, 1])
        #expect(abs(list.items[0].score - 1) < 1e-6 && abs(list.items[1].score + 0.3) < 1e-6)
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        let screen = buffer.plainText()
        #expect(screen.contains("units responding to 'b'"))
        #expect(screen.contains("▸ layer 1  unit 3   +1.00  z"))
        #expect(screen.contains("'b' at 3 of 8 steps"))
        _ = app.handle(.key(.enter))
        #expect(app.tokenUnits == nil && app.state.selectedUnit == 2)
    }

    @Test func sInTheListSortsTheUnitsByTheTokenAndSAgainUndoes() {
        var app = Self.session()
        _ = app.handle(.key(.character("u")))   // step 1 reads 'a'
        _ = app.handle(.key(.character("s")))
        #expect(app.state.tokenSort == 0)
        #expect(app.state.unitOrder == [2, 0, 1], "'a': unit 1 +0.5, unit 3 −0.6 (b's 3 of 5 other steps), unit 2 0 — by |score|: 3, 1, 2")
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        #expect(buffer.plainText().contains("sorted by 'a'"))
        _ = app.handle(.key(.character("s")))
        #expect(app.state.tokenSort == nil && app.state.unitOrder == [0, 1, 2])
    }

    @Test func theInspectorNamesTheSelectedUnitsTopTokens() {
        var state = ExplorerState(run: Self.run())
        state.select(unit: 2)
        let lines = ExplorerFrame(state: state, width: 120, height: 40, mode: .truecolor).inspectorLines().map(\.text)
        // Unit 3: 'b' 1 − 0; 'a' 0 − 3/5; 'c' 0 − 3/6.
        #expect(lines.contains { $0 == "responds to (h − mean elsewhere): 'b' +1.00 · 'a' -0.60 · 'c' -0.50" }, "\(lines)")
    }

    @Test func numericInputsSaySo() throws {
        let run = try ExplorerTestSupport.sineRun(ExplorerTestSupport.randomNetwork(kind: .lstm, input: 1, hidden: 3))
        var app = ExplorerSessionApp(run: run)
        _ = app.handle(.resize(width: 120, height: 40))
        _ = app.handle(.key(.character("u")))
        #expect(app.tokenUnits == nil)
        #expect(app.message?.contains("this input is numbers") == true)
    }
}

/// `m` … `m` marks a pattern in the session; `M` steps through its matches best first.
@Suite struct PatternKeysTests {
    @Test func markTwiceThenStepThroughMatches() throws {
        var app = TokenUnitsTests.session()
        // Unit 3 is 1 exactly at the 'b' steps 2, 4 and 7 (1-based); unit 1 at the 'a' steps 1, 5, 8.
        _ = app.handle(.key(.right))
        _ = app.handle(.key(.character("m")))
        #expect(app.patternStart == 1 && app.message?.hasPrefix("pattern starts at t=2") == true)
        _ = app.handle(.key(.character("m")))
        let pattern = try #require(app.pattern)
        #expect(pattern.units == [2] && pattern.range == 1...1)
        #expect(pattern.matches.map(\.steps) == [3...3, 6...6])
        #expect(app.message?.contains("unit 3 on throughout, off just before and after · 2 places match") == true, "\(app.message ?? "")")
        _ = app.handle(.key(.character("M")))
        #expect(app.step == 3)
        _ = app.handle(.key(.character("M")))
        #expect(app.step == 6)
        _ = app.handle(.key(.character("M")))
        #expect(app.step == 3, "wraps to the best match")
        _ = app.handle(.key(.character("n")))
        #expect(app.step == 6, "n walks the pattern's places in order, like search matches")
    }

    @Test func escapeCancelsAMarkAndMWithoutAPatternSaysHow() {
        var app = TokenUnitsTests.session()
        _ = app.handle(.key(.character("M")))
        #expect(app.message == "no pattern yet: m marks a range's start, m again its end")
        _ = app.handle(.key(.character("m")))
        _ = app.handle(.key(.escape))
        #expect(app.patternStart == nil && app.message == "pattern cancelled")
    }
}
