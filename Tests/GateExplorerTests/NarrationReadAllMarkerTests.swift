import GateCanvas
import GateCore
@testable import GateExplorer
import GateFormats
import Foundation
import Testing

/// At 80×24, a narration cut short ends in the whole " … (t: read all)" marker, at every stop of
/// every shipped lesson — the marker is never itself cut by the screen's edge.
@Suite struct NarrationReadAllMarkerTests {
    @Test(arguments: TeachingTestSupport.lessonPaths)
    func markerIsWhole(path: String) throws {
        let lesson = try TeachingTestSupport.resolve(try LessonParser.parse(path: path))
        var app = TeachingApp(session: TeachingSession(lesson: lesson))
        for index in lesson.stops.indices {
            if index > 0 { _ = app.handle(.key(.character("n"))) }
            var buffer = CellBuffer(width: 80, height: 24)
            app.render(into: &buffer)
            for line in buffer.plainText().split(separator: "\n") where line.contains(" … (") {
                #expect(line.contains(" … (t: read all)"), "stop \(index + 1): \(line)")
                let before = try #require(line.components(separatedBy: " … (t: read all)").first)
                let narration = lesson.stops[index].narration.joined(separator: " ")
                let lastWord = String(try #require(before.split(separator: " ").last))
                #expect(narration.contains(lastWord + " "), "cut mid-word at stop \(index + 1): \(line)")
            }
        }
    }

    @Test func cutDropsWholeWords() {
        let line = StyledText(" one two three four")
        #expect(NarrationPanel.cut(line, toFit: 12).text == " one two")
        #expect(NarrationPanel.cut(line, toFit: 40).text == " one two three four")
        let words = StyledText(" one two three four").wrapped(width: 100)[0]
        var pieces = StyledText()
        for word in ["one ", "two ", "three ", "four"] { pieces.add(word) }
        #expect(NarrationPanel.cut(pieces, toFit: 10).text == "one two")
        #expect(NarrationPanel.cut(words, toFit: 10).text == " one two")
    }
}
