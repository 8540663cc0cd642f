import GateCanvas
import GateCore

/// Writes what the explorer recorded (`r`) to a trace file; the command implements it with the
/// trace file format (atomic write) and saves the recording's bookmarks beside it.
public protocol RecordingSink {
    /// Writes `trace` (and `bookmarks`, steps counted in the recording) and returns the file's path.
    func save(_ trace: NetworkTrace, bookmarks: [StepBookmark], edits: [String]) throws -> String
}
