import GateCanvas
import GateCore

/// One recording in progress (`r`): rows go in as they are recorded, and the finished recording is
/// written as a trace file. The command's stream writes the rows to disk as they come, so a long
/// recording does not grow the explorer's memory.
public protocol RecordingStream: AnyObject {
    /// Appends recorded rows (row k of `rows` is the next recorded step).
    func append(_ rows: NetworkTrace) throws
    /// Writes the recording (with `bookmarks`, steps counted in the recording, and the what-if `edits`)
    /// and `origin`, the run's step of each row and the states carried into each jump) and returns the file's path.
    func finish(bookmarks: [StepBookmark], edits: [String], origin: RecordedSteps) throws -> String
    /// Abandons the recording (nothing is written).
    func discard()
}

/// A recording held in memory and handed whole to its sink's ``RecordingSink/save(_:bookmarks:edits:origin:)``.
public final class MemoryRecordingStream: RecordingStream {
    /// Where the recording goes.
    let sink: any RecordingSink
    /// The rows so far.
    public private(set) var trace = NetworkTrace(input: Matrix(rows: 0, columns: 0), layers: [])

    /// A recording for `sink`.
    public init(sink: any RecordingSink) {
        self.sink = sink
    }

    public func append(_ rows: NetworkTrace) throws {
        trace.appendSteps(rows)
    }

    public func finish(bookmarks: [StepBookmark], edits: [String], origin: RecordedSteps) throws -> String {
        try sink.save(trace, bookmarks: bookmarks, edits: edits, origin: origin)
    }

    public func discard() {
        trace = NetworkTrace(input: Matrix(rows: 0, columns: 0), layers: [])
    }
}
