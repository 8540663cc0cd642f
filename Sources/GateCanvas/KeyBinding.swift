/// One line of a ``KeyMap``: the keys as the help shows them, what they do, the keys, the command.
/// A binding with an empty label continues the line above it in the help (`+  -` → faster, slower).
public struct KeyBinding<Command: Sendable>: Sendable {
    /// The keys as shown in the help ("→  l"); empty to join the line above.
    public var keysLabel: String
    /// What they do, in plain words.
    public var meaning: String
    /// The keys themselves.
    public var keys: [Key]
    /// The command.
    public var command: Command

    /// A binding.
    public init(_ keysLabel: String, _ meaning: String, _ keys: [Key], _ command: Command) {
        self.keysLabel = keysLabel
        self.meaning = meaning
        self.keys = keys
        self.command = command
    }
}

extension KeyBinding {
    /// The playback keys every screen shares, in help order: → ← (l h), space, + -, Home End (g G).
    public static func playbackKeys(_ command: (Playback.Command) -> Command) -> [KeyBinding] {
        [KeyBinding("→  l", "step forward", [.right, .character("l")], command(.stepForward)),
         KeyBinding("←  h", "step back", [.left, .character("h")], command(.stepBack)),
         KeyBinding("space", "play / pause", [.character(" ")], command(.togglePlay)),
         KeyBinding("+  -", "faster / slower playback", [.character("+"), .character("=")], command(.faster)),
         KeyBinding("", "", [.character("-"), .character("_")], command(.slower)),
         KeyBinding("Home End", "first / last step (also g G)", [.home, .character("g")], command(.firstStep)),
         KeyBinding("", "", [.end, .character("G")], command(.lastStep))]
    }
}

extension KeyBinding {
    /// The help and quit keys every screen shares, in help order: ? (Esc also closes the help), then
    /// q, Q or ctrl-C.
    public static func helpAndQuitKeys(help: Command, close: Command, quit: Command) -> [KeyBinding] {
        [KeyBinding("?", "this help (Esc or ? closes it)", [.character("?")], help),
         KeyBinding("", "", [.escape], close),
         KeyBinding("q", "quit", [.character("q"), .character("Q"), .ctrl("c")], quit)]
    }
}
