import GateCanvas
import GateCore
import GateExplorer
import GateFormats
import Testing

/// What-if keys, quiz and presenter modes, and classroom presets in the teaching session.
@Suite struct TeachingModesTests {
    static func session(_ demo: String = "adding") throws -> TeachingSession {
        TeachingSession(run: try TeachingTestSupport.run(demo: demo, input: nil, directory: "."))
    }

    @Test func clampUndoAndTheWhatIfView() throws {
        let session = try Self.session()
        // Select unit 6, step 10 and the input gate panel, through keys only.
        var app = TeachingApp(session: session)
        for key: Key in [.down, .down, .down, .down, .down, .right, .right, .right, .right, .right, .right, .right, .right, .right, .tab] {
            _ = app.handle(.key(key))
        }
        #expect(app.session.explorer.selectedUnit == 5 && app.session.explorer.step == 9)
        #expect(app.session.targetPanel?.word == "input")
        _ = app.handle(.key(.character("c")))
        #expect(app.session.edits.count == 1 && app.session.view == .whatif)
        let input = try #require(app.session.explorer.layer.series[SeriesName.inputGate])
        #expect(input[9, 5] == 0)
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        #expect(buffer.plainText().contains("clamp i of unit 6 to 0.00 at t=10"))
        #expect(buffer.plainText().contains("difference"))
        _ = app.handle(.key(.character("u")))
        #expect(app.session.edits.isEmpty)
        #expect(app.session.explorer.layer.series[SeriesName.inputGate]?[9, 5] == app.session.baseRun.trace.layer(0)?.series[SeriesName.inputGate]?[9, 5])
        _ = app.handle(.key(.character("}")))
        #expect(app.session.edits.first?.action == .shiftBias(1))
    }

    @Test func quizAsksBeforeRevealing() throws {
        var app = TeachingApp(session: try Self.session())
        _ = app.handle(.key(.character("z")))
        #expect(app.session.quiz.isOn)
        _ = app.handle(.key(.right))
        let question = try #require(app.session.quiz.pending)
        #expect(app.session.explorer.step == 0 && question.step == 0)
        var buffer = CellBuffer(width: 100, height: 30)
        app.render(into: &buffer)
        #expect(buffer.plainText().contains("QUIZ: will forget f of unit"))
        _ = app.handle(.key(.up))
        #expect(app.session.explorer.step == 1 && app.session.quiz.asked == 1 && app.session.quiz.pending == nil)
        let next = app.session.explorer.layer.value(question.series, step: 1, unit: question.unit)!
        #expect(app.session.quiz.correct == (next - question.value > -0.005 ? 1 : 0))
    }

    @Test func presenterModeIsLargeAndReadable() throws {
        var app = TeachingApp(session: try Self.session("brackets"))
        _ = app.handle(.key(.character("P")))
        #expect(app.session.isPresenting)
        var buffer = CellBuffer(width: 200, height: 60)
        app.render(into: &buffer)
        let text = buffer.plainText()
        #expect(text.contains("BRACKETS · t = 1 / 30 · UNIT 1"))
        #expect(text.contains("CELL c"))
        // One unit per text row: both halves of each heatmap cell in the same colour.
        let fullCells = buffer.cells.filter { $0.grapheme == "▀" && $0.style.foreground != .default && $0.style.foreground == $0.style.background }
        #expect(fullCells.count >= 10)
        var small = CellBuffer(width: 80, height: 24)
        app.render(into: &small)
        #expect(small.plainText().contains("UNIT 1"))
    }

    @Test func classroomPresetDisablesKeysAndHidesPanels() throws {
        let run = try TeachingTestSupport.run(demo: "adding", input: nil, directory: ".")
        var session = TeachingSession(run: run, hiddenPanels: ["hints"], disabledKeys: [.character("c"), .character("P")])
        _ = session.handle(.character("c"))
        _ = session.handle(.character("P"))
        #expect(session.edits.isEmpty && !session.isPresenting)
        #expect(!session.shows("hints"))
    }

    @Test func gradientViewOnEveryCellKind() throws {
        for demo in ["adding", "adding-gru", "adding-rnn", "brackets-bidir"] {
            var app = TeachingApp(session: try Self.session(demo))
            _ = app.handle(.key(.end))
            _ = app.handle(.key(.character("f")))
            for (width, height) in [(80, 24), (200, 60)] {
                var buffer = CellBuffer(width: width, height: height)
                app.render(into: &buffer)
                #expect(buffer.plainText().contains("gradient flow into output"), "\(demo) \(width)×\(height)")
                #expect(buffer.plainText().contains("distance T−t"), "\(demo) \(width)×\(height)")
            }
        }
    }
}
