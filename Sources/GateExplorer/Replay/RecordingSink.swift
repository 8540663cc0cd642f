import GateCanvas
import GateCore

/// Writes what the explorer recorded (`r`) to a trace file; the command implements it with the
/// trace file format (atomic write) and saves the recording's bookmarks beside it.
public protocol RecordingSink {
    /// Writes `trace` (and `bookmarks`, steps counted in the recording, and `origin`, the run's step of
    /// each row with the states carried into each jump) and returns the file's path.
    func save(_ trace: NetworkTrace, bookmarks: [StepBookmark], edits: [String], origin: RecordedSteps) throws -> String
    /// A new recording that takes its rows as they are recorded (the command's streams them to disk).
    func begin() throws -> any RecordingStream
}

extension RecordingSink {
    /// A recording kept in memory and saved whole at the end through ``save(_:bookmarks:edits:origin:)``.
    public func begin() throws -> any RecordingStream { MemoryRecordingStream(sink: self) }
}
