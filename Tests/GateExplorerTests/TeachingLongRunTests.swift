import GateCanvas
import Foundation
import GateCore
@testable import GateExplorer
import GateFormats
import Testing

/// The teaching tools on a run too long to hold whole (rows from checkpoints, window by window): a
/// what-if clamp at the last step re-runs lazily and gives the whole re-run's values bit for bit, `u`
/// gives back the unedited run's, the what-if view sets the edit against the original at the cursor,
/// the quiz asks about steps of the whole run, and the gradient view says what it cannot show.
@Suite struct TeachingLongRunTests {
    static let steps = 6000

    /// The adding demo's network and a 6000-step input for it.
    static func networkAndInput() throws -> (RecurrentNetwork, Matrix) {
        let entry = try #require(TeachingTestSupport.catalog.entry(named: "adding"))
        var values: [Float] = []
        for t in 0..<steps { values += [Float(t % 97) / 97, t % 50 == 0 ? 1 : 0] }
        return (try ModelImporter.load(path: entry.modelPath), Matrix(rows: steps, columns: 2, values: values))
    }

    /// The adding demo's network, a 6000-step input for it, its whole run, and a teaching app on the
    /// same run read from checkpoints (as `explore --model … --present` opens a long input), 120×40.
    static func app(presenting: Bool = false) throws -> (RecurrentNetwork, NetworkTrace, TeachingApp) {
        let (network, input) = try networkAndInput()
        let source = CheckpointedRowSource(run: try CheckpointedRun(network: network, input: input))
        let run = ExplorerRun(name: "adding", title: "adding", trace: try source.rows(0..<1024), network: network)
        var app = TeachingApp(session: TeachingSession(run: run, source: source, presenting: presenting))
        _ = app.handle(.resize(width: 120, height: 40))
        return (network, try network.run(input), app)
    }

    /// The explorer's held rows of every layer, against rows `window` of `trace`, value for value.
    static func expectHeld(_ app: TeachingApp, equal trace: NetworkTrace, _ what: String) {
        let window = app.session.explorerSession.window
        for layer in trace.layers {
            let held = app.session.explorer.run.trace.layer(layer.layer, reverse: layer.isReverse)
            #expect(held?.series == layer.series.mapValues { $0.rows(window) }, "\(what): layer \(layer.layer + 1)")
        }
    }

    @Test func aClampAtTheLastStepEqualsTheWholeRerunAndUndoGivesTheRunBack() throws {
        var (network, whole, app) = try Self.app()
        _ = app.handle(.key(.end))
        #expect(app.session.explorerSession.step == Self.steps - 1)
        _ = app.handle(.key(.character("c")))
        let edit = try #require(app.session.edits.first)
        #expect(edit.action == .clamp(value: edit.action == .clamp(value: 0, step: Self.steps - 1) ? 0 : 1, step: Self.steps - 1))
        let edited = try network.run(whole.input, interventions: app.session.edits, reusing: whole)
        Self.expectHeld(app, equal: edited, "clamped at the last step")
        // The clamped gate holds its value at the cursor; the step before is the original's.
        let gate = try #require(app.session.explorer.layer.series[edit.gate])
        let row = app.session.explorer.step
        #expect(gate[row, edit.unit] == (edit.action == .clamp(value: 0, step: Self.steps - 1) ? 0 : 1))
        #expect(gate[row - 1, edit.unit] == whole.layer(0)!.series[edit.gate]![Self.steps - 2, edit.unit])
        // Home, then End again: windows of the edited run, read lazily.
        _ = app.handle(.key(.home))
        Self.expectHeld(app, equal: edited, "edited, at the start")
        _ = app.handle(.key(.end))
        Self.expectHeld(app, equal: edited, "edited, at the end again")
        _ = app.handle(.key(.character("u")))
        #expect(app.session.edits.isEmpty)
        Self.expectHeld(app, equal: whole, "after u")
    }

    @Test func aBiasShiftChangesEveryStepOfTheLongRun() throws {
        var (network, whole, app) = try Self.app()
        _ = app.handle(.key(.character("}")))
        #expect(app.session.edits.count == 1)
        let edited = try network.run(whole.input, interventions: app.session.edits, reusing: whole)
        Self.expectHeld(app, equal: edited, "bias shift, at the start")
        // The forget gate's bias moved: f differs from the first step on.
        let gate = app.session.edits[0].gate
        #expect(edited.layer(0)!.series[gate]!.row(0) != whole.layer(0)!.series[gate]!.row(0))
        _ = app.handle(.key(.end))
        Self.expectHeld(app, equal: edited, "bias shift, at the end")
    }

    @Test func theWhatIfViewSetsTheEditAgainstTheOriginalAtTheCursor() throws {
        var (_, whole, app) = try Self.app()
        _ = app.handle(.key(.end))
        _ = app.handle(.key(.character("c")))
        let edit = try #require(app.session.edits.first)
        #expect(app.session.view == .whatif)
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        let text = buffer.plainText()
        let before = whole.layer(0)!.series[edit.gate]![Self.steps - 1, edit.unit]
        let after: Float = edit.action == .clamp(value: 0, step: Self.steps - 1) ? 0 : 1
        #expect(text.contains("at t=6000: f \(String(format2: Double(before))) → \(String(format2: Double(after)))"), "\(text)")
        #expect(text.contains("clamp f of unit 1 to \(String(format2: Double(after))) at t=6000"))
        let (actual, golden) = try BufferSnapshot.compare(buffer, named: "teaching-long-whatif-120x40")
        #expect(actual == golden)
    }

    @Test func theQuizAsksAboutStepsOfTheWholeRun() throws {
        var (_, whole, app) = try Self.app()
        _ = app.handle(.key(.end))
        _ = app.handle(.key(.left))
        _ = app.handle(.key(.character("z")))
        _ = app.handle(.key(.right))
        let question = try #require(app.session.quiz.pending)
        #expect(question.step == Self.steps - 2)
        let series = try #require(whole.layer(0)?.series[question.series])
        #expect(question.value == series[Self.steps - 2, question.unit])
        _ = app.handle(.key(.up))
        #expect(app.session.explorerSession.step == Self.steps - 1)
        let result = try #require(app.session.quiz.lastResult)
        #expect(result.contains("at t=\(Self.steps)"), "\(result)")
        #expect(result.contains(QuizState.format(series[Self.steps - 1, question.unit])), "\(result)")
    }

    @Test func theGradientViewOfALongRunShowsThePathOverTheWindowAndSaysWhatItCannot() throws {
        var (_, whole, app) = try Self.app()
        _ = app.handle(.key(.end))
        _ = app.handle(.key(.character("f")))
        let window = app.session.explorerSession.window
        let flow = try #require(GradientFlowPanel.series(of: app.session.explorer.run, step: app.session.explorer.step, layer: 0, reverse: false))
        #expect(flow.stateNorms.isEmpty)
        // Π f over the window, by hand: the product of f from each step to the cursor (the last step).
        let f = try #require(whole.layer(0)?.series[SeriesName.forgetGate])
        let path = try #require(flow.cellPath)
        var product: Float = 1
        for t in stride(from: Self.steps - 1, through: Self.steps - 5, by: -1) {
            #expect(path[t - window.lowerBound, 0] == product, "t=\(t + 1)")
            product *= f[t, 0]
        }
        var buffer = CellBuffer(width: 80, height: 24)
        _ = app.handle(.resize(width: 80, height: 24))
        app.render(into: &buffer)
        let (actual, golden) = try BufferSnapshot.compare(buffer, named: "teaching-long-gradient-80x24")
        #expect(actual == golden)
    }

    @Test func aLessonStopOnALongInputOpensAtItsStepWithItsClampLazily() throws {
        let (network, input) = try Self.networkAndInput()
        let whole = try network.run(input)
        let source = { @Sendable in (try? CheckpointedRun(network: network, input: input)).map { CheckpointedRowSource(run: $0) } }
        var first = ExplorerRun(name: "adding", title: "adding", trace: try #require(source()).rows(0..<1024), network: network)
        first.fullSteps = Self.steps
        let clamp = Intervention(unit: 2, gate: SeriesName.forgetGate, action: .clamp(value: 1, step: 4990))
        var stop = TeachingStop(title: "late in a long run", run: first, step: 5000, unit: 2, panel: "forget",
                                interventions: [clamp], narration: ["f of unit 3 held open from t=4991."])
        stop.makeSource = source
        var app = TeachingApp(session: TeachingSession(lesson: TeachingLesson(title: "long", stops: [stop, stop])))
        _ = app.handle(.resize(width: 120, height: 40))
        #expect(app.session.explorerSession.step == 5000)
        #expect(app.session.explorer.selectedUnit == 2)
        Self.expectHeld(app, equal: try network.run(input, interventions: [clamp], reusing: whole), "the stop's clamp")
        // The next stop opens its own lazy run, at its step.
        _ = app.handle(.key(.character("n")))
        #expect(app.session.stopIndex == 1)
        #expect(app.session.explorerSession.step == 5000)
        _ = app.handle(.key(.character("u")))
        Self.expectHeld(app, equal: whole, "the clamp undone")
    }
}
