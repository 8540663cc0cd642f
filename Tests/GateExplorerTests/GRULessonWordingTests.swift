import GateCanvas
import GateCore
@testable import GateExplorer
import GateFormats
import Testing

/// Lesson 7's GRU stop names the correlation with the depth "correlation", not "r", which the screen
/// uses for the GRU's reset gate (the inspector shows r = 0.05 at that step).
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
        #expect(text.contains("correlation 0.91"))
        #expect(!text.contains("r = 0.91"))
    }
}
