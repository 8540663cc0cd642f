import GateCanvas
import GateCore
/// Where a session keeps its bookmarks between runs: the command saves them beside the trace
/// (`T.safetensors.bookmarks.tsv`, written atomically).
public protocol BookmarkStore {
    /// The file the bookmarks go to (shown in messages).
    var path: String { get }
    /// Saves the whole set (sorted by step).
    func save(_ bookmarks: [StepBookmark]) throws
}
