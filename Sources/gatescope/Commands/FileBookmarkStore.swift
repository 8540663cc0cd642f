import GateCanvas
import GateCore
import GateExplorer
import GateFormats

/// The explorer's bookmarks kept beside a trace file (``TraceBookmarks``, written atomically).
struct FileBookmarkStore: BookmarkStore {
    /// The trace the bookmarks belong to.
    let tracePath: String

    var path: String { TraceBookmarks.path(forTrace: tracePath) }

    func save(_ bookmarks: [StepBookmark]) throws {
        try Self.encode(bookmarks).save(forTrace: tracePath)
    }

    /// The bookmarks saved beside `tracePath` (none when there is no file yet).
    static func load(forTrace tracePath: String) throws -> [StepBookmark] {
        try TraceBookmarks.load(forTrace: tracePath).entries
    }

    /// The file form of `bookmarks`.
    static func encode(_ bookmarks: [StepBookmark]) -> TraceBookmarks {
        var marks = TraceBookmarks()
        for mark in bookmarks { marks.add(step: mark.step, note: mark.note) }
        return marks
    }
}
