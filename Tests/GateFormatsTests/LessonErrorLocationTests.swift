import Foundation
import Testing
@testable import GateFormats

/// Lesson and preset errors name the file by the path given, and whole-file errors show no line 0.
struct LessonErrorLocationTests {
    @Test func aMissingLessonIsNamedByItsPathWithoutLineZero() {
        let path = "/nonexistent/dir/lost.lesson"
        #expect {
            _ = try LessonParser.parse(path: path)
        } throws: { error in
            "\(error)" == "/nonexistent/dir/lost.lesson: cannot read the file"
        }
    }

    @Test func aSyntaxErrorNamesThePathAndLine() throws {
        let directory = NSTemporaryDirectory() + "lesson-errors-\(getpid())-\(UUID().uuidString.prefix(6))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/broken.lesson"
        try "lesson: T\nhello world\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            _ = try LessonParser.parse(path: path)
        } throws: { error in
            "\(error)".hasPrefix(path + ":2: ")
        }
    }

    @Test func aMissingPresetIsNamedByItsPath() {
        #expect {
            _ = try ClassroomPreset.load(path: "/nonexistent/p.preset")
        } throws: { error in
            "\(error)" == "/nonexistent/p.preset: cannot read the file as UTF-8 text"
        }
    }
}
