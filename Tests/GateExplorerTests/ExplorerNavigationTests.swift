import GateCanvas
import Foundation
import GateCore
import Testing
@testable import GateExplorer

/// Sorting, paging, the mouse, layers and directions, other cell kinds, the time window, demos.
struct ExplorerNavigationTests {
    @Test func sortingChangesTheRowOrder() {
        var state = ExplorerTestSupport.demoState()
        #expect(state.unitOrder == [0, 1, 2, 3, 4, 5])
        let viewport = ExplorerViewport(unitsPerPage: 6, focusTargets: [])
        _ = state.apply(.cycleSort, viewport: viewport)
        #expect(state.sortOrder == .activity)
        let activity = state.layerStatistics.activity
        #expect(state.unitOrder.map { activity[$0] } == activity.sorted(by: >))
        _ = state.apply(.cycleSort, viewport: viewport)
        _ = state.apply(.cycleSort, viewport: viewport)
        #expect(state.sortOrder == .memory)
        // The counter and the first-bracket memory keep everything: longest memory first.
        #expect(Set(state.unitOrder.prefix(2)) == [0, 5])
        state.move(to: 12)
        let text = ExplorerTestSupport.render(state, width: 120, height: 40).plainText()
        #expect(text.contains("sorted by memory τ"))
        let rows = text.split(separator: "\n").filter { $0.contains("→ ") && $0.hasSuffix(String($0.suffix(5))) }
        let firstUnits = rows.compactMap { row -> Int? in
            let fields = row.replacingOccurrences(of: "▸", with: " ").split(separator: " ")
            return fields.first.flatMap { Int($0) }
        }
        #expect(Array(firstUnits.prefix(2)).sorted() == [1, 6])
    }

    @Test func manyUnitsPageWithTheSelection() throws {
        let network = ExplorerTestSupport.randomNetwork(kind: .lstm, input: 3, hidden: 40)
        let run = try ExplorerTestSupport.sineRun(network)
        var app = ExplorerApp(run: run)
        _ = app.handle(.resize(width: 80, height: 24))
        let perPage = app.layout.unitsPerPage
        #expect(perPage < 40)
        var buffer = CellBuffer(width: 80, height: 24)
        app.render(into: &buffer)
        #expect(buffer.plainText().contains("1–\(perPage) of 40"))
        _ = app.handle(.key(.pageDown))
        #expect(app.state.selectedUnit == perPage)
        #expect(app.layout.unitsInView.lowerBound == perPage)
        buffer = CellBuffer(width: 80, height: 24)
        app.render(into: &buffer)
        #expect(buffer.plainText().contains("\(perPage + 1)–\(2 * perPage) of 40"))
        _ = app.handle(.key(.pageUp))
        #expect(app.state.selectedUnit == 0)
    }

    @Test func underTheCellDiagramAClickWhereAPanelWouldBeChangesNothing() {
        var app = ExplorerTestSupport.app(after: [.end, .character("D")])
        let layout = app.layout
        let hidden = layout.panels[1].heatmap
        let before = (app.state.step, app.state.selectedUnit, app.state.focus)
        _ = app.handle(.mouse(MouseEvent(x: hidden.x + 4, y: hidden.y + 1, action: .press(.left))))
        #expect(app.state.showsDiagram && (app.state.step, app.state.selectedUnit, app.state.focus) == before)
        // The input row still picks a step.
        _ = app.handle(.mouse(MouseEvent(x: layout.heatmapX + 2, y: layout.input.y, action: .press(.left))))
        #expect(app.state.step == layout.timeWindow.start + 2)
    }

    @Test func clickingAHeatmapCellSelectsUnitAndStep() {
        var app = ExplorerTestSupport.app(after: [.end])
        let layout = app.layout
        let input = layout.panels[1].heatmap
        _ = app.handle(.mouse(MouseEvent(x: input.x + 4, y: input.y + 1, action: .press(.left))))
        #expect(app.state.step == 4)
        #expect(app.state.selectedUnit == 2)
        #expect(app.state.focus == .panel(1))
        // Clicking the same cell again picks the lower unit of the half block.
        _ = app.handle(.mouse(MouseEvent(x: input.x + 4, y: input.y + 1, action: .press(.left))))
        #expect(app.state.selectedUnit == 3)
        _ = app.handle(.mouse(MouseEvent(x: 0, y: 0, action: .scrollDown)))
        #expect(app.state.step == 5)
        _ = app.handle(.mouse(MouseEvent(x: 0, y: 0, action: .scrollUp)))
        _ = app.handle(.mouse(MouseEvent(x: 0, y: 0, action: .scrollUp)))
        #expect(app.state.step == 3)
    }

    @Test func tabCyclesFocusThroughPanelsAndInspector() {
        var app = ExplorerTestSupport.app(after: [], width: 160, height: 50)
        let count = app.layout.panels.count
        for _ in 0..<count { _ = app.handle(.key(.tab)) }
        #expect(app.state.focus == .inspector)
        _ = app.handle(.key(.tab))
        #expect(app.state.focus == .panel(0))
        _ = app.handle(.key(.backTab))
        #expect(app.state.focus == .inspector)
        _ = app.handle(.key(.down))
        #expect(app.state.selectedUnit == 0, "Up/Down scroll the inspector when it has the focus")
    }

    @Test func layersAndDirectionsSwitch() throws {
        let network = ExplorerTestSupport.randomNetwork(kind: .lstm, input: 2, hidden: 5, layers: 2, bidirectional: true)
        let run = try ExplorerTestSupport.sineRun(network, steps: 30)
        var app = ExplorerApp(run: run)
        _ = app.handle(.resize(width: 120, height: 40))
        #expect(app.state.layer.label == "layer 1")
        _ = app.handle(.key(.character("]")))
        #expect(app.state.layerIndex == 1)
        _ = app.handle(.key(.character("d")))
        #expect(app.state.layer.isReverse)
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        let status = buffer.plainText().split(separator: "\n")[0]
        #expect(status.contains("layer 2/2"))
        #expect(status.contains("← reverse"))
        _ = app.handle(.key(.character("L")))
        #expect(app.state.layerIndex == 0)
        _ = app.handle(.key(.character("[")))
        #expect(app.state.layerIndex == 1)
    }

    @Test func reverseReadingLayersShowTheirDirection() throws {
        var network = ExplorerTestSupport.randomNetwork(kind: .gru, input: 2, hidden: 4, layers: 2)
        network.readsBackward = true
        let run = try ExplorerTestSupport.sineRun(network, steps: 12)
        var app = ExplorerApp(run: run)
        _ = app.handle(.resize(width: 120, height: 40))
        _ = app.handle(.key(.character("]")))
        #expect(app.state.layerIndex == 1)
        #expect(app.state.layer.layer == 1 && app.state.layer.isReverse, "layer 2's only (reverse) direction is shown")
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        let status = buffer.plainText().split(separator: "\n")[0]
        #expect(status.contains("layer 2/2") && status.contains("← reverse") && !status.contains("→ forward"), "\(status)")
    }

    @Test(arguments: [CellKind.gru, .rnnTanh, .rnnRelu])
    func otherCellKindsRender(kind: CellKind) throws {
        let network = ExplorerTestSupport.randomNetwork(kind: kind, input: 2, hidden: 7)
        let run = try ExplorerTestSupport.sineRun(network, steps: 200)
        var state = ExplorerState(run: run)
        for (width, height) in [(60, 18), (80, 24), (120, 40), (200, 60)] {
            for step in [0, 57, 199] {
                state.move(to: step)
                let text = ExplorerTestSupport.render(state, width: width, height: height).plainText()
                #expect(text.contains("t=\(step + 1)/200"))
                #expect(text.contains("hidden h"))
                if kind == .gru {
                    #expect(text.contains("update z"))
                    #expect(text.contains("h: "), "GRU belt arithmetic")
                }
                #expect(!text.contains("nan"))
            }
        }
        state.move(to: 10)
        let lines = ExplorerFrame(state: state, width: 200, height: 60, mode: .truecolor).inspectorLines().map(\.text)
        if kind == .gru {
            #expect(lines.contains { $0.hasPrefix("h = z·h₋₁ + (1−z)·n") })
        } else {
            #expect(lines.contains { $0.hasPrefix("h = \(kind == .rnnRelu ? "relu" : "tanh")(") })
        }
        #expect(lines.contains { $0.hasPrefix("why") })
    }

    @Test func timeWindowPagesInsteadOfScrolling() {
        let width = 40
        var starts: [Int] = []
        for step in 0..<200 {
            let window = TimeWindow(step: step, total: 200, width: width)
            #expect(window.column(of: step) != nil, "step \(step) is in view")
            starts.append(window.start)
        }
        let moves = zip(starts, starts.dropFirst()).filter { $0 != $1 }.count
        #expect(moves <= 200 / 30 + 1, "the window moved \(moves) times in 200 steps")
        #expect(TimeWindow(step: 199, total: 200, width: width).start == 160)
        #expect(TimeWindow(step: 5, total: 13, width: width).start == 0)
    }

    @Test func longRunsShowWhatIsEarlier() {
        let network = ExplorerTestSupport.randomNetwork(kind: .lstm, input: 1, hidden: 4)
        var state = ExplorerState(run: try! ExplorerTestSupport.sineRun(network, steps: 300))
        state.move(to: 250)
        let text = ExplorerTestSupport.render(state, width: 100, height: 30).plainText()
        #expect(text.contains("earlier"))
        #expect(text.contains("t=251/300"))
    }

    @Test func catalogParsesAndPrefersBrackets() {
        let text = """
            name\ttitle\tmodel\tinput\tstory
            # a comment
            sine\tSine wave\tsine/model.safetensors\tsine/input.csv\tlook at unit 2
            brackets\tBracket depth\tbrackets/model.safetensors\tbrackets/input.txt\tunit 1 counts
            """
        let catalog = DemoCatalog(parsing: text, directory: "/d")
        #expect(catalog.entries.count == 2)
        #expect(catalog.preferred?.name == "brackets")
        #expect(catalog.entry(named: "SINE")?.modelPath == "/d/sine/model.safetensors")
        #expect(catalog.entry(named: "sine")?.inputPath == "/d/sine/input.csv")
        #expect(catalog.entry(named: "brackets")?.story == "unit 1 counts")
    }

    @Test func builtInDemoCountsDepth() throws {
        let run = BuiltInDemo.run()
        let cell = try #require(run.trace.layers[0].series[SeriesName.cell])
        var depth = 0
        for (t, character) in BuiltInDemo.text.enumerated() {
            depth += character == "(" ? 1 : -1
            #expect(abs(cell[t, 0] - 0.5 * Float(depth)) < 0.05, "counter at step \(t + 1)")
            // The alarm's output gate is open exactly at depth ≥ 2.
            let o = run.trace.layers[0].series[SeriesName.outputGate]![t, 2]
            #expect(depth >= 2 ? o > 0.9 : o < 0.1, "alarm at step \(t + 1), depth \(depth)")
        }
        #expect(try BuiltInDemo.network.validate() == ())
    }
}
