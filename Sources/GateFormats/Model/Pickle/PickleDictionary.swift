/// A dict's entries in insertion order (keys need not be hashable here; nothing looks them up).
final class PickleDictionary: PickleNode {
    /// Key/value pairs in the order they were set.
    var entries: [(key: PickleValue, value: PickleValue)] = []

    /// Drops the entries.
    override func clear() { entries = [] }
}
