import GateCanvas
import Foundation
import GateCore
import GateExplorer
import GateFormats
import Testing

/// Lesson 9 (ConvLSTM): its stops open the spatial screen at the stated step, channel and pixel, the
/// teaching keys that do not apply say so, and every number its narration quotes is what the shipped
/// model computes (demos/convlstm-moving-square).
@Suite struct ConvLSTMLessonTests {
    static let path = TeachingTestSupport.demos + "/lessons/09-convlstm.lesson"

    static func run() throws -> SpatialRun { try #require(try TeachingTestSupport.spatialRun(demo: "convlstm-moving-square")).run }

    /// The value of `series` at 1-based step `t`, channel `channel`, pixel (`row`, `column`).
    static func value(_ run: SpatialRun, _ series: String, t: Int, channel: Int, row: Int, column: Int) -> Float {
        run.layer(0)!.series[series]!.row(t - 1)[(channel - 1) * 64 + (row - 1) * 8 + column - 1]
    }

    @Test func theNarratedNumbersAreTheModels() throws {
        let run = try Self.run()
        func v(_ s: String, _ t: Int, _ ch: Int, _ r: Int, _ c: Int) -> Float { Self.value(run, s, t: t, channel: ch, row: r, column: c) }
        func close(_ a: Float, _ b: Float) -> Bool { abs(a - b) < 0.005 }
        // Stop 1: a ring of 12 pixels at 0.97–0.98 around the square at t=1; one square ahead at t=6.
        let ring = try #require(run.prediction(step: 0))
        let hot = (0..<64).filter { ring[$0] > 0.5 }
        #expect(hot.count == 12 && hot.allSatisfy { ring[$0] >= 0.965 && ring[$0] < 0.985 })
        #expect(hot.allSatisfy { (4...7).contains($0 / 8) && (2...5).contains($0 % 8) })
        let ahead = try #require(run.prediction(step: 5))
        #expect((0..<64).filter { ahead[$0] > 0.5 } == [43, 44, 51, 52]) // rows 6–7, columns 4–5 (0-based 5·8+3 …)
        #expect([43, 44, 51, 52].allSatisfy { ahead[$0] >= 0.955 && run.nextFrame(step: 5)![$0] == 1 })
        // Stop 2: channel 1's forget gate at t=2.
        #expect(close(v(SeriesName.forgetGate, 2, 1, 6, 5), 0) && close(v(SeriesName.forgetGate, 2, 1, 7, 5), 0))
        #expect(close(v(SeriesName.forgetGate, 2, 1, 6, 4), 0.01) && close(v(SeriesName.forgetGate, 2, 1, 1, 2), 1))
        #expect(close(v(SeriesName.cell, 2, 1, 6, 5), -1.00) && close(v(SeriesName.cell, 2, 1, 2, 2), -1.83))
        // Stop 3: channel 2 at t=2.
        #expect(close(v(SeriesName.forgetGate, 2, 2, 6, 3), 0) && close(v(SeriesName.forgetGate, 2, 2, 7, 4), 0))
        #expect(close(v(SeriesName.inputGate, 2, 2, 6, 3), 0.42) && close(v(SeriesName.inputGate, 2, 2, 6, 4), 0.88))
        #expect(close(v(SeriesName.cell, 2, 2, 6, 3), -0.42) && close(v(SeriesName.cell, 2, 2, 6, 4), -0.88))
        #expect(close(v(SeriesName.cell, 2, 2, 2, 2), -1.57))
        #expect((0..<64).allSatisfy { close(run.layer(0)!.series[SeriesName.cellCandidate]!.row(1)[64 + $0], -1) })
        // Stop 4: the belt of (6,5), channel 1, and the leaky corner.
        #expect(close(v(SeriesName.forgetGate, 1, 1, 6, 5), 0.01) && close(v(SeriesName.forgetGate, 2, 1, 6, 5), 0))
        for t in 3...12 {
            #expect(close(v(SeriesName.forgetGate, t, 1, 6, 5), 1) && close(v(SeriesName.inputGate, t, 1, 6, 5), 1))
            #expect(close(v(SeriesName.cellCandidate, t, 1, 6, 5), -1) && close(v(SeriesName.cell, t, 1, 6, 5), -Float(t - 1)))
        }
        #expect(close(v(SeriesName.forgetGate, 12, 1, 1, 1), 0.84) && close(v(SeriesName.cell, 12, 1, 1, 1), -5.38))
    }

    @Test func stopsOpenTheSpatialScreenAndKeysThatDoNotApplySaySo() throws {
        let lesson = try TeachingTestSupport.resolve(try LessonParser.parse(path: Self.path))
        var app = TeachingApp(session: TeachingSession(lesson: lesson, quiz: true))
        #expect(app.spatialApp?.state.step == 0)
        for key in ["f", "w", "c", "C", "{", "}", "u", "z", "P"] {
            _ = app.handle(.key(.character(Character(key))))
            #expect(app.session.message?.contains("ConvLSTM") == true, "\(key)")
            #expect(app.session.view == .explorer && app.session.edits.isEmpty && !app.session.isPresenting)
        }
        _ = app.handle(.key(.down)) // ↓ is the screen's next channel, not a quiz answer
        #expect(app.spatialApp?.state.channel == 1 && app.session.spatial?.channel == 1)
        _ = app.handle(.key(.right))
        #expect(app.session.spatial?.step == 1)
        _ = app.handle(.key(.character("n")))
        #expect(app.session.stopIndex == 1 && app.spatialApp?.state.step == 1 && app.spatialApp?.state.channel == 0)
        #expect(app.spatialApp?.state.pixelY == 5 && app.spatialApp?.state.pixelX == 4)
        var buffer = CellBuffer(width: 80, height: 24)
        app.render(into: &buffer)
        let text = buffer.plainText()
        #expect(text.contains("t=2/12") && text.contains("forget f") && text.contains("stop 2/4"))
        #expect(app.handle(.key(.character("q"))) == .quit)
    }

    @Test func validatorChecksChannelPixelAndFields() throws {
        let facts = try #require(try TeachingTestSupport.spatialRun(demo: "convlstm-moving-square")).facts
        let text = """
            lesson: t
            stop: a
              demo: convlstm-moving-square
              step: 13
              channel: 9
              pixel: 9,1
              panel: gradient
              unit: 2
              say: x
            stop: b
              demo: brackets
              step: 1
              pixel: 1,1
              say: x
            """
        let lesson = try LessonParser.parse(text: text, name: "t")
        let problems = LessonValidator.problems(in: lesson) { demo, _ in
            demo == "convlstm-moving-square" ? facts : try TeachingTestSupport.facts(demo: demo, input: nil, directory: ".")
        }.map(\.description)
        #expect(problems.count == 6, "\(problems)")
        #expect(problems.contains { $0.contains("t.lesson:4:") && $0.contains("12 frames") })
        #expect(problems.contains { $0.contains(":5:") && $0.contains("8 channels") })
        #expect(problems.contains { $0.contains(":6:") && $0.contains("8×8") })
        #expect(problems.contains { $0.contains(":7:") && $0.contains("no panel 'gradient'") })
        #expect(problems.contains { $0.contains(":8:") && $0.contains("'unit:' does not apply") })
        #expect(problems.contains { $0.contains(":13:") && $0.contains("belongs to ConvLSTM stops") })
        #expect(throws: LessonSyntaxError.self) { try LessonParser.parse(text: "lesson: t\nstop: a\n demo: x\n step: 1\n pixel: 3\n say: x", name: "t") }
    }
}
