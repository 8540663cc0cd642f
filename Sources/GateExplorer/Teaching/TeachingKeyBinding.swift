import GateCanvas
/// The keys teaching mode adds to the explorer's. `A` takes over the explorer's all-layers key in a
/// lesson; the others are free in the explorer.
public enum TeachingKeyBinding {
    /// Keys that act only in a lesson (n, N, A, t).
    public static let lessonKeys: Set<Key> = [.character("n"), .character("N"), .character("A"), .character("t")]

    /// Keys and what they do, in the order the help and the docs list them.
    public static let all: [ExplorerKeyHelp] = [
        ExplorerKeyHelp("n  N", "next / previous lesson stop", handles: [.character("n"), .character("N")]),
        ExplorerKeyHelp("A", "show / hide the answer", handles: [.character("A")]),
        ExplorerKeyHelp("t", "the whole narration / back", handles: [.character("t")]),
        ExplorerKeyHelp("f", "gradient-flow view on / off", handles: [.character("f")]),
        ExplorerKeyHelp("w", "what-if view on / off", handles: [.character("w")]),
        ExplorerKeyHelp("D", "live cell diagram on / off", handles: [.character("D")]),
        ExplorerKeyHelp("c", "clamp the focused gate here (0 if open, 1 if shut)", handles: [.character("c")]),
        ExplorerKeyHelp("C", "clamp it at every step", handles: [.character("C")]),
        ExplorerKeyHelp("{  }", "its bias −1 / +1", handles: [.character("{"), .character("}")]),
        ExplorerKeyHelp("u", "undo the last what-if edit", handles: [.character("u")]),
        ExplorerKeyHelp("z", "quiz on / off (↑/↓ answer)", handles: [.character("z")]),
        ExplorerKeyHelp("P", "presenter mode on / off", handles: [.character("P")]),
    ]

    /// The lines that act in `session`: lesson keys only in a lesson, disabled keys left out.
    public static func help(lesson: Bool, disabled: Set<Key>) -> [ExplorerKeyHelp] {
        all.filter { line in
            if !lesson && line.handles.contains(where: lessonKeys.contains) { return false }
            return line.handles.isEmpty || !line.handles.allSatisfy(disabled.contains)
        }
    }
}
