import GateCanvas
import Foundation
import GateCore
@testable import GateExplorer
import GateFormats
import Testing

/// The teaching wrapper around the explorer session: the help lists the teaching keys, `r` records
/// what-if edits, bookmarks work in lessons, and the quiz asks a stop's own question.
@Suite struct TeachingSessionAppTests {
    static func lesson(_ prefix: String) throws -> TeachingLesson {
        let path = try #require(TeachingTestSupport.lessonPaths.first { ($0 as NSString).lastPathComponent.hasPrefix(prefix) })
        return try TeachingTestSupport.resolve(try LessonParser.parse(path: path))
    }

    @Test func helpListsTheTeachingKeysInALesson() throws {
        var app = TeachingApp(session: TeachingSession(lesson: try Self.lesson("01")))
        _ = app.handle(.key(.character("?")))
        #expect(app.session.explorer.showsHelp)
        for (width, height) in [(80, 24), (200, 60)] {
            var buffer = CellBuffer(width: width, height: height)
            app.render(into: &buffer)
            let text = buffer.plainText()
            for line in TeachingKeyBinding.all { #expect(text.contains(line.keys), "\(line.keys) at \(width)×\(height)") }
            #expect(text.contains("next / previous lesson stop"))
            #expect(text.contains("record on / off"))
            #expect(text.contains("q"))
            #expect(text.contains("mouse"))
            // A shows the answer in a lesson: the explorer's all-layers line is not listed.
            #expect(!text.contains("all layers"), "\(width)×\(height)")
        }
        _ = app.handle(.key(.escape))
        #expect(!app.session.explorer.showsHelp)
    }

    @Test func helpLeavesOutLessonKeysAndDisabledKeysOnADemo() throws {
        let run = try TeachingTestSupport.run(demo: "adding", input: nil, directory: ".")
        var app = TeachingApp(session: TeachingSession(run: run, disabledKeys: [.character("c"), .character("C")]))
        _ = app.handle(.key(.character("?")))
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        let text = buffer.plainText()
        #expect(text.contains("what-if view on / off"))
        #expect(!text.contains("next / previous lesson stop"))
        #expect(!text.contains("clamp"))
        #expect(text.contains("all layers"))
    }

    @Test func aRecordingMadeDuringAWhatIfEditHoldsTheEditedValuesAndNotesTheEdit() throws {
        let run = try TeachingTestSupport.run(demo: "adding", input: nil, directory: ".")
        let sink = MemoryRecordingSink()
        var app = TeachingApp(session: TeachingSession(run: run)) { _ in sink }
        _ = app.handle(.resize(width: 120, height: 40))
        // Unit 6, step 10, the input gate panel.
        for key: Key in [.down, .down, .down, .down, .down] + Array(repeating: .right, count: 9) + [.tab] {
            _ = app.handle(.key(key))
        }
        #expect(app.session.targetPanel?.word == "input")
        _ = app.handle(.key(.character("r")))
        #expect(app.explorer.recording != nil)
        _ = app.handle(.key(.character("C")))
        #expect(app.session.edits.count == 1)
        for _ in 0..<3 { _ = app.handle(.key(.right)) }
        var buffer = CellBuffer(width: 120, height: 40)
        app.render(into: &buffer)
        #expect(buffer.plainText().contains("● REC 4"))
        _ = app.handle(.key(.character("r")))
        let saved = try #require(sink.saved.first)
        #expect(saved.edits.count == 1)
        #expect(saved.edits.first?.contains("what-if: clamp i of unit 6 to 0.00 at every step") == true)
        let original = try #require(run.trace.layer(0)?.series[SeriesName.inputGate])
        let recorded = try #require(saved.trace.layer(0)?.series[SeriesName.inputGate])
        #expect(saved.trace.steps == 4)
        // Row 0 is t=10 recorded before the edit; rows 1–3 (t=11…13) are the edited run's: i of unit 6 is 0.
        #expect(recorded[0, 5] == original[9, 5])
        for row in 1..<4 { #expect(recorded[row, 5] == 0) }
        let edited = try #require(app.session.explorer.layer.series[SeriesName.cell])
        for row in 1..<4 { #expect(saved.trace.layer(0)?.series[SeriesName.cell]?[row, 5] == edited[9 + row, 5]) }
        #expect(app.savedRecordings == ["memory-1.safetensors"])
    }

    @Test func bookmarksWorkInALessonAndStayWithTheirStop() throws {
        var app = TeachingApp(session: TeachingSession(lesson: try Self.lesson("01")))
        _ = app.handle(.key(.character("b")))
        for character in "fresh belt" { _ = app.handle(.key(.character(character))) }
        _ = app.handle(.key(.enter))
        #expect(app.explorer.bookmarks.map(\.note) == ["fresh belt"])
        // The note's "f" and "t" went into the note, not to the gradient view or the narration.
        #expect(app.session.view == .explorer && !app.session.showsFullNarration)
        _ = app.handle(.key(.character("n")))
        #expect(app.explorer.bookmarks.isEmpty && app.session.stopIndex == 1)
        _ = app.handle(.key(.character("N")))
        #expect(app.explorer.bookmarks.map(\.note) == ["fresh belt"])
    }

    @Test func theQuizAsksTheStopsOwnQuestionFirst() throws {
        let lesson = try Self.lesson("01")
        var app = TeachingApp(session: TeachingSession(lesson: lesson, quiz: true))
        let question = try #require(lesson.stops[0].question)
        #expect(app.session.quiz.stopQuestion == question)
        var buffer = CellBuffer(width: 100, height: 30)
        app.render(into: &buffer)
        #expect(buffer.plainText().contains("QUIZ: " + String(question.prefix(30))))
        // → waits for the stop's question.
        _ = app.handle(.key(.right))
        #expect(app.session.explorer.step == 0 && app.session.quiz.pending == nil)
        _ = app.handle(.key(.character("A")))
        app.render(into: &buffer)
        #expect(buffer.plainText().contains(String(try #require(lesson.stops[0].answer).prefix(30))))
        _ = app.handle(.key(.up))
        #expect(app.session.quiz.stopQuestion == nil && app.session.quiz.correct == 1 && app.session.quiz.asked == 1)
        // Then the step quiz as before.
        _ = app.handle(.key(.right))
        #expect(app.session.quiz.pending != nil)
        _ = app.handle(.key(.down))
        #expect(app.session.explorer.step == 1 && app.explorer.step == 1 && app.session.quiz.asked == 2)
        // The next stop asks its own question once.
        _ = app.handle(.key(.character("n")))
        #expect(app.session.quiz.stopQuestion == lesson.stops[1].question)
        _ = app.handle(.key(.escape))
        _ = app.handle(.key(.character("N")))
        _ = app.handle(.key(.character("n")))
        #expect(app.session.quiz.stopQuestion == nil)
    }
}
