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
            "\(error)" == "/nonexistent/dir/lost.lesson: cannot open for reading: No such file or directory (errno 2); check the path and permissions"
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
            "\(error)" == "/nonexistent/p.preset: cannot open for reading: No such file or directory (errno 2); check the path and permissions"
        }
    }

    /// A lesson or preset that is a FIFO with no writer is refused at once, naming the file (it blocked forever).
    @Test(arguments: ["lesson", "preset"])
    func aFIFOLessonOrPresetIsRefusedWithoutBlocking(kind: String) throws {
        let path = FormatFixtures.temporaryDirectory() + "/x." + kind
        defer { ModelTestSupport.removeDirectory(containing: path) }
        #expect(mkfifo(path, 0o600) == 0)
        defer {
            let writer = open(path, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
            unlink(path)
        }
        let message = NonRegularInputTests.finishing { () -> String in
            do {
                if kind == "lesson" { _ = try LessonParser.parse(path: path) } else { _ = try ClassroomPreset.load(path: path) }
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        #expect(message == "\(path): is not a regular file; pass the path of a file")
    }

    @Test func aPresetThatIsNotUTF8SaysSo() throws {
        let path = FormatFixtures.temporaryDirectory() + "/latin1.preset"
        defer { ModelTestSupport.removeDirectory(containing: path) }
        try Data([0x68, 0x69, 0xE9, 0x0A]).write(to: URL(fileURLWithPath: path))
        #expect(throws: LessonSyntaxError(file: path, line: 0, message: "the file is not UTF-8 text")) {
            try ClassroomPreset.load(path: path)
        }
    }
}
