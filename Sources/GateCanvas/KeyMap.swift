/// A screen's keys (bubbles' key.Binding): the one list that both dispatches key presses and writes
/// the help overlay, so the two cannot drift apart.
public struct KeyMap<Command: Sendable>: Sendable {
    /// The bindings in help order.
    public var bindings: [KeyBinding<Command>]

    /// A key map of `bindings`, in help order.
    public init(_ bindings: [KeyBinding<Command>]) {
        self.bindings = bindings
    }

    /// The command for a key, if any.
    public func command(for key: Key) -> Command? {
        bindings.first { $0.keys.contains(key) }?.command
    }

    /// The help lines: each labelled binding with the unlabelled ones after it, less the lines whose
    /// keys are all in `hidden` (taken over or switched off by the app around the screen).
    public func helpEntries(hiding hidden: Set<Key> = []) -> [(keys: String, meaning: String)] {
        var entries: [(keys: String, meaning: String)] = []
        var index = 0
        while index < bindings.count {
            let binding = bindings[index]
            var keys = binding.keys
            var next = index + 1
            while next < bindings.count && bindings[next].keysLabel.isEmpty { keys += bindings[next].keys; next += 1 }
            if !binding.keysLabel.isEmpty && !keys.allSatisfy(hidden.contains) {
                entries.append((binding.keysLabel, binding.meaning))
            }
            index = next
        }
        return entries
    }
}
