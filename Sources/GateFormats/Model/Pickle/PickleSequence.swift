/// The items of a tuple, list or set.
final class PickleSequence: PickleNode {
    /// The items in order.
    var items: [PickleValue]

    init(_ items: [PickleValue]) { self.items = items }

    /// Drops the items.
    override func clear() { items = [] }
}
