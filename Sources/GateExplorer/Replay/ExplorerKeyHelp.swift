/// One line the help overlay lists for a key that an app around the explorer handles itself
/// (recording, bookmarks, typing): the keys as shown and what they do.
public struct ExplorerKeyHelp: Sendable, Hashable {
    /// The keys as shown ("b").
    public var keys: String
    /// What they do, in plain words.
    public var meaning: String

    /// A help line.
    public init(_ keys: String, _ meaning: String) {
        self.keys = keys
        self.meaning = meaning
    }
}
