import GateCanvas
import GateCore
@testable import GateExplorer
import GateFormats
import Testing

/// A lesson stop's heading fits its line: the stop's title whole when there is room, else cut with
/// "…" (never mid-word without a mark); the lesson's title goes first when space is short.
@Suite struct NarrationHeadingTests {
    @Test(arguments: TeachingTestSupport.lessonPaths)
    func headingFitsOrSaysItIsCut(path: String) throws {
        let lesson = try TeachingTestSupport.resolve(try LessonParser.parse(path: path))
        var session = TeachingSession(lesson: lesson)
        for (index, stop) in lesson.stops.enumerated() {
            if index > 0 { _ = session.handle(.character("n")) }
            for width in [79, 50, 199] {
                let head = try #require(NarrationPanel(session: session).lines(width: width).first)
                #expect(head.width <= width, "\(stop.title) at \(width): \(head.text)")
                #expect(head.text.contains("stop \(index + 1)/\(lesson.stops.count): "))
                #expect(head.text.hasSuffix(stop.title) || head.text.hasSuffix("…"), "\(head.text)")
            }
            let wide = try #require(NarrationPanel(session: session).lines(width: 199).first)
            #expect(wide.text.contains(lesson.title) && wide.text.hasSuffix(stop.title))
        }
    }
}
