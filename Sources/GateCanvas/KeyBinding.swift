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
