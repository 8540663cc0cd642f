import GateCanvas
/// One line the help overlay lists for a key that an app around the explorer handles itself
/// (recording, bookmarks, typing, teaching): the keys as shown, what they do, and the keys themselves.
public struct ExplorerKeyHelp: Sendable, Hashable {
    /// The keys as shown ("b").
    public var keys: String
    /// What they do, in plain words.
    public var meaning: String
    /// The keys themselves: an explorer key listed here is taken over by the app around the explorer
    /// (the help then leaves out the explorer's line for it), and a disabled one hides the line.
    public var handles: [Key]

    /// A help line.
    public init(_ keys: String, _ meaning: String, handles: [Key] = []) {
        self.keys = keys
        self.meaning = meaning
        self.handles = handles
    }
}
