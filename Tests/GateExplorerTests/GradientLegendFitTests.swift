import GateCanvas
import GateCore
@testable import GateExplorer
import GateFormats
import Testing

/// Lesson 6 at 80×24: the gradient view's title and legend are never cut mid-word — the title drops
/// its colour key and the legend its long wording, so both models' summaries stay whole.
@Suite struct GradientLegendFitTests {
    @Test func titleAndLegendFitEightyColumns() throws {
        let path = try #require(TeachingTestSupport.lessonPaths.first { $0.hasSuffix("06-vanishing-gradient.lesson") })
        let lesson = try TeachingTestSupport.resolve(try LessonParser.parse(path: path))
        let app = TeachingApp(session: TeachingSession(lesson: lesson))
        var buffer = CellBuffer(width: 80, height: 24)
        app.render(into: &buffer)
        let lines = buffer.plainText().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let title = try #require(lines.first { $0.contains("gradient flow into output") })
        #expect(title.contains("log scale") && !title.contains("dark = fo"), "\(title)")
        let legend = try #require(lines.first { $0.contains("●") && $0.contains("×") && $0.contains("back") })
        #expect(legend.contains("● adding LSTM 20 back: 1.9e0"), "\(legend)")
        #expect(legend.contains("× adding-rnn RNN (tanh) 20 back: "), "\(legend)")
        var wide = CellBuffer(width: 200, height: 60)
        app.render(into: &wide)
        #expect(wide.plainText().contains("dark = forgotten") && wide.plainText().contains("20 steps back: 1.9e0 of it"))
    }
}
