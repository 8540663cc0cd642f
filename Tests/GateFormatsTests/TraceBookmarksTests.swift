import Testing
@testable import GateFormats

/// Bookmarks beside a trace: add, remove, list, navigate, atomic save and reload.
@Suite struct TraceBookmarksTests {
    @Test func addRemoveListAndNavigate() {
        var marks = TraceBookmarks()
        marks.add(step: 40, note: "bracket closes")
        marks.add(step: 3)
        marks.add(step: 17, note: "forget gate drops")
        marks.add(step: 40, note: "depth back to 0")
        #expect(marks.entries.map(\.step) == [3, 17, 40])
        #expect(marks.bookmark(at: 40)?.note == "depth back to 0")
        #expect(marks.next(after: 3)?.step == 17)
        #expect(marks.next(after: 40) == nil)
        #expect(marks.previous(before: 17)?.step == 3)
        let removed = marks.remove(step: 17)
        let again = marks.remove(step: 17)
        #expect(removed)
        #expect(!again)
        #expect(marks.entries.map(\.step) == [3, 40])
    }

    @Test func savesBesideTheTraceAndReadsBack() throws {
        let directory = FormatFixtures.temporaryDirectory()
        defer { ModelTestSupport.removeDirectory(directory) }
        let trace = "\(directory)/t.safetensors"
        #expect(try TraceBookmarks.load(forTrace: trace).entries.isEmpty)
        var marks = TraceBookmarks()
        marks.add(step: 5, note: "tab\there, newline\nthere, backslash \\ and ünïcödé")
        marks.add(step: 0, note: "")
        try marks.save(forTrace: trace)
        let text = String(decoding: try FileBytes.read(path: "\(trace).bookmarks.tsv"), as: UTF8.self)
        #expect(text.hasPrefix("# gatescope bookmarks 1\n0\t\n5\ttab\\there"))
        #expect(try TraceBookmarks.load(forTrace: trace) == marks)
    }

    @Test func refusesForeignAndNewerFiles() {
        #expect(throws: FormatError.self) { try TraceBookmarks(text: "step,note\n1,a\n") }
        #expect(throws: FormatError.self) { try TraceBookmarks(text: "# gatescope bookmarks 2\n1\ta\n") }
        #expect(throws: FormatError.self) { try TraceBookmarks(text: "# gatescope bookmarks 1\nx\ta\n") }
        #expect((try? TraceBookmarks(text: "# gatescope bookmarks 1.3\n2\tb\n"))?.entries.count == 1)
    }
}
