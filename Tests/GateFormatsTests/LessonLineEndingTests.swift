import Testing
@testable import GateFormats

/// Lessons and classroom presets written with CRLF line endings read like LF ones (found by the
/// `lesson` fuzz target: "\r\n" is one Swift `Character`, so a split on "\n" saw one long line).
@Suite struct LessonLineEndingTests {
    static let lesson = "lesson: Line endings\nabout: LF or CRLF\n\nstop: one\ndemo: brackets\nstep: 2\nclamp: forget 1 everywhere\nsay: hello\nsay: again\n"

    @Test func crlfLessonParsesLikeLF() throws {
        let lf = try LessonParser.parse(text: Self.lesson, name: "endings")
        let crlf = try LessonParser.parse(text: Self.lesson.replacingOccurrences(of: "\n", with: "\r\n"), name: "endings")
        #expect(crlf == lf)
        #expect(lf.stops.count == 1 && lf.stops[0].narration == ["hello", "again"])
        #expect(lf.stops[0].clamps.count == 1)
    }

    @Test func crlfErrorsNameTheRightLine() {
        #expect(throws: LessonSyntaxError.self) {
            try LessonParser.parse(text: "lesson: x\r\nstop: s\r\nbogus: 1\r\n", name: "bad")
        }
        do {
            _ = try LessonParser.parse(text: "lesson: x\r\nstop: s\r\nbogus: 1\r\n", name: "bad")
        } catch {
            #expect(error.line == 3)
        }
    }

    @Test func crlfPresetParsesLikeLF() throws {
        let text = "present: on\nquiz: off\nshow: narration, question\n"
        #expect(try ClassroomPreset.parse(text: text.replacingOccurrences(of: "\n", with: "\r\n")) == ClassroomPreset.parse(text: text))
    }
}
