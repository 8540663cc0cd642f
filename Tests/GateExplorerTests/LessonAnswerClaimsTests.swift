import Foundation
import GateCanvas
import GateCore
@testable import GateExplorer
import GateFormats
import Testing

/// Claims the lessons make that `check:` lines cannot state — what the screen shows under a clamp,
/// answers that ask the class to press a key, and the twin's gradient — checked on the screen itself.
@Suite struct LessonAnswerClaimsTests {
    static func app(lesson prefix: String, stop: Int) throws -> TeachingApp {
        let path = try #require(TeachingTestSupport.lessonPaths.first { ($0 as NSString).lastPathComponent.hasPrefix(prefix) })
        var app = TeachingApp(session: TeachingSession(lesson: try TeachingTestSupport.resolve(try LessonParser.parse(path: path))))
        for _ in 1..<stop { _ = app.handle(.key(.character("n"))) }
        return app
    }

    static func screen(_ app: TeachingApp, width: Int = 120, height: Int = 40) -> String {
        var buffer = CellBuffer(width: width, height: height)
        app.render(into: &buffer)
        return buffer.plainText()
    }

    /// Lesson 2, stop 3: forget clamped to 1. The inspector says the gate is clamped (σ(2.93) is 0.95,
    /// not 1.00); the what-if line names the predicted symbol both times — V, as the answer says.
    @Test func aClampedGateIsSaidToBeClampedAndThePredictionIsNamed() throws {
        let text = Self.screen(try Self.app(lesson: "02", stop: 3))
        #expect(text.contains("f = 1.00 clamped (σ(2.93) = 0.95)"), "\(text)")
        #expect(!text.contains("σ(2.93) = 1.00"))
        let output = try #require(text.split(separator: "\n").first { $0.contains("output: ") })
        #expect(output.contains("output: next V ") && output.contains("→ next V "), "\(output)")
    }

    /// Lesson 2, stop 3's answer: with f clamped to 1 the likeliest next symbol is unchanged at t=20 but
    /// changes at the B's that start a string (t=14, 26, 40), where the original wiped.
    @Test func theClampChangesThePredictionAtTheBs() throws {
        let app = try Self.app(lesson: "02", stop: 3)
        func best(_ run: ExplorerRun, _ t: Int) -> String? { Prediction(run: run, step: t - 1, count: 1)?.best }
        let original = app.session.baseRun, edited = app.session.explorer.run
        #expect(best(original, 20) == "V" && best(edited, 20) == "V")
        for t in [14, 26, 40] {
            #expect(original.tokenText(at: t - 1) == "B")
            #expect(best(original, t) != best(edited, t), "t=\(t)")
        }
    }

    /// Lesson 3, stop 4: the input panel has the focus, so C clamps i (not f) at every step: unit 6's cell
    /// sinks to −9.21 and the head answers 2.51; undone, `c` at t=10 moves the answer to 1.22.
    @Test func theInputGateAnswersAreWhatTheKeysDo() throws {
        var app = try Self.app(lesson: "03", stop: 4)
        #expect(app.session.targetPanel?.series == SeriesName.inputGate)
        _ = app.handle(.key(.character("C")))
        #expect(app.session.edits.map(\.gate) == [SeriesName.inputGate])
        let state = app.session.explorer
        #expect(abs((state.layer.value(SeriesName.cell, step: 49, unit: 5) ?? 0) + 9.21) < 0.005)
        #expect(abs((state.run.trace.output?[49, 0] ?? 0) - 2.51) < 0.005)
        _ = app.handle(.key(.character("u")))
        for _ in 0..<40 { _ = app.handle(.key(.left)) }
        #expect(app.session.explorer.step == 9)
        _ = app.handle(.key(.character("c")))
        #expect(abs((app.session.explorer.run.trace.output?[49, 0] ?? 0) - 1.22) < 0.005)
    }

    /// Lesson 3: Tab from the stop's panel moves the ▶ marker with the focus, and `c` clamps the gate it marks.
    @Test func tabMovesTheMarkerWithTheFocus() throws {
        var app = try Self.app(lesson: "03", stop: 4)
        for _ in 0..<3 { _ = app.handle(.key(.tab)) }
        let word = try #require(app.session.highlight)
        #expect(word == "cell", "input → candidate → output → cell")
        for _ in 0..<3 { _ = app.handle(.key(.backTab)) }
        #expect(app.session.highlight == "input" && app.session.targetPanel?.word == "input")
        let marked = Self.screen(app).split(separator: "\n").filter { $0.hasPrefix("▶") }
        #expect(marked.count == 1 && marked[0].hasPrefix("▶input i"), "\(marked)")
    }

    /// The gradient plot's axis names each decade once, in order, at every size (it used to print
    /// "1e-4" twice, on rows that were not at 10⁻⁴).
    @Test(arguments: [(80, 24, false), (120, 40, false), (200, 60, true)])
    func plotDecadesAreUniqueAndDescending(width: Int, height: Int, presenting: Bool) throws {
        var app = try Self.app(lesson: "06", stop: 1)
        if presenting { _ = app.handle(.key(.character("P"))) }
        let labels = Self.screen(app, width: width, height: height).split(separator: "\n")
            .compactMap { $0.prefixMatch(of: /1e(-?\d+) +│/).flatMap { Int($0.output.1) } }
        #expect(labels.count >= 3, "\(labels)")
        #expect(labels == labels.sorted(by: >) && Set(labels).count == labels.count, "\(labels)")
    }

    /// Lesson 6, stop 3: on brackets the LSTM's gradient twenty steps back is below the RNN twin's.
    @Test func bracketsLSTMGradientIsBelowTheRNNs() throws {
        let app = try Self.app(lesson: "06", stop: 3)
        let lstm = try #require(GradientFlowPanel.series(of: app.session.explorer.run, step: 29, layer: 0, reverse: false))
        let twin = try #require(app.session.twin)
        let rnn = try #require(GradientFlowPanel.series(of: twin, step: 29, layer: 0, reverse: false))
        func twentyBack(_ flow: GradientFlowSeries) -> Float {
            let points = flow.byDistance
            return (points.first { $0.distance == 20 }?.magnitude ?? 0) / points[0].magnitude
        }
        #expect(twentyBack(lstm) < twentyBack(rnn))
    }
}
