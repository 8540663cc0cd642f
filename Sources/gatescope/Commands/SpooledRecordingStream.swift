import GateCore
import GateExplorer
import GateFormats

/// A recording (`r`) whose rows go to temporary files as they are recorded (``TraceSpool``) and are
/// copied into the trace file when it stops, through its ``TraceRecordingSink`` (path, metadata,
/// bookmarks, the fallback when the path cannot be written).
final class SpooledRecordingStream: RecordingStream {
    /// Where the recording goes.
    let sink: TraceRecordingSink
    /// The rows so far, on disk.
    let spool = TraceSpool()

    init(sink: TraceRecordingSink) {
        self.sink = sink
    }

    func append(_ rows: NetworkTrace) throws {
        try spool.append(rows)
    }

    func finish(bookmarks: [StepBookmark], edits: [String], origin: RecordedSteps) throws -> String {
        defer { spool.discard() }
        let template = spool.template ?? NetworkTrace(input: Matrix(rows: 0, columns: 0), layers: [])
        let metadata = sink.metadata(for: template, steps: spool.steps, edits: edits, origin: origin)
        return try sink.store(bookmarks: bookmarks) { try spool.write(metadata: metadata, to: $0) }
    }

    func discard() {
        spool.discard()
    }
}
