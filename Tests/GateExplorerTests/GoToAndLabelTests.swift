import GateCanvas
import GateCore
import Foundation
import Testing
@testable import GateExplorer

/// `:` goes to a step or a unit (numbered from 1), and every heatmap row says which units it holds.
@Suite struct GoToAndLabelTests {
    static func keys(_ text: String) -> [Key] { text.map { Key.character($0) } }

    @Test func colonGoesToAStepAndAUnitNumberedFromOne() {
        var app = ExplorerTestSupport.app(after: [])
        for key in Self.keys(":10") + [.enter] { _ = app.handle(.key(key)) }
        #expect(app.state.step == 9)
        #expect(app.state.goTo == nil)
        for key in Self.keys(":u 4") + [.enter] { _ = app.handle(.key(key)) }
        #expect(app.state.selectedUnit == 3)
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        #expect(buffer.plainText().contains("unit 4 at t=10"))
    }

    @Test func promptShowsWhatWasTypedAndRefusesNonsense() {
        var app = ExplorerTestSupport.app(after: Self.keys(":u") + [.enter])
        #expect(app.state.goTo?.problem != nil)
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        #expect(buffer.plainText().contains("go to: :u▏"))
        #expect(buffer.plainText().contains("type a step number (120) or u and a unit number (u 47)"))
        _ = app.handle(.key(.escape))
        #expect(app.state.goTo == nil)
        // Other keys are the prompt's while it is open: `q` does not quit.
        app = ExplorerTestSupport.app(after: [.character(":")])
        #expect(app.handle(.key(.character("q"))) == .continue)
    }

    @Test(arguments: [":-5", ":0", ":u -2", ":u 0"])
    func zeroOrNegativeNumbersAreRefusedNotTakenAsAnotherStep(typed: String) {
        var app = ExplorerTestSupport.app(after: Self.keys(":3") + [.enter])
        #expect(app.state.step == 2)
        for key in Self.keys(typed) + [.enter] { _ = app.handle(.key(key)) }
        // Still open, nothing moved, and the prompt line says why.
        #expect(app.state.goTo != nil)
        #expect(app.state.step == 2)
        #expect(app.state.selectedUnit == 0)
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        let what = typed.contains("u") ? "units" : "steps"
        #expect(buffer.plainText().contains("go to: \(typed)▏"))
        #expect(buffer.plainText().contains("\(what) are numbered from 1: type 1 or more"))
    }

    @Test func sessionGoesToAStepOfTheWholeRunBeyondTheWindow() throws {
        let network = ExplorerTestSupport.randomNetwork(kind: .lstm, input: 2, hidden: 5)
        let run = try ExplorerTestSupport.sineRun(network, steps: 9000)
        var app = ExplorerSessionApp(run: ExplorerRun(name: "random", title: "long", trace: run.trace.rows(0..<1), network: network),
                                     source: CountingSource(trace: run.trace))
        _ = app.handle(.resize(width: 120, height: 40))
        for key in Self.keys(":8500") + [.enter] { _ = app.handle(.key(key)) }
        #expect(app.step == 8499)
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        #expect(buffer.plainText().contains("t=8500/9000"))
    }

    @Test func everyRowIsNumberedAndSortedRowsNameBothUnits() {
        // The built-in demo: 6 units, two per row → rows start with units 1, 3, 5.
        let state = ExplorerTestSupport.demoState()
        let lines = ExplorerTestSupport.render(state).plainText().split(separator: "\n").map(String.init)
        let forget = lines.firstIndex { $0.contains("forget f") } ?? 0
        let gutters = lines[forget..<(forget + 3)].map { String($0.dropFirst(12).prefix(4)).trimmingCharacters(in: .whitespaces) }
        #expect(gutters.map { $0.filter(\.isNumber) } == ["1", "3", "5"])
        var sorted = state
        _ = sorted.apply(.cycleSort, viewport: ExplorerViewport(unitsPerPage: 6, focusTargets: []))
        let order = sorted.unitOrder
        let sortedLines = ExplorerTestSupport.render(sorted).plainText().split(separator: "\n").map(String.init)
        let row = sortedLines.first { $0.contains("forget f") } ?? ""
        #expect(row.contains("\(order[0] + 1),\(order[1] + 1)"))
    }
}
