import GateCanvas
import GateCore
@testable import GateExplorer
import GateFormats
import Testing

/// Lesson 7's GRU stop states h at each depth and never uses "r" for anything but the reset gate, which
/// the screen shows as r (the inspector shows r = σ(…) at that step).
@Suite struct GRULessonWordingTests {
    @Test func correlationIsNotCalledR() throws {
        let path = try #require(TeachingTestSupport.lessonPaths.first { $0.hasSuffix("07-gru-vs-lstm.lesson") })
        let lesson = try TeachingTestSupport.resolve(try LessonParser.parse(path: path))
        var app = TeachingApp(session: TeachingSession(lesson: lesson))
        _ = app.handle(.key(.character("n")))
        var buffer = CellBuffer(width: 200, height: 60)
        app.render(into: &buffer)
        let text = buffer.plainText()
        #expect(text.contains("r = σ"), "the inspector shows the reset gate r")
        #expect(text.contains("−0.95 at depth 0"))
        #expect(!text.contains("r = 0.91") && !text.contains("correlation"))
    }
}
