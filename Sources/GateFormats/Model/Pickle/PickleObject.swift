/// An instance of a class outside gatescope's short list, built by REDUCE or NEWOBJ and given state
/// by BUILD (a whole pickled `nn.Module`, a TorchScript module, a `torch.device`, …).
final class PickleObject: PickleNode {
    /// The class (or, for REDUCE, the callable) that made it.
    let type: PickleGlobal
    /// The arguments it was made with.
    var arguments: [PickleValue]
    /// What BUILD gave it (usually its `__dict__`).
    var state: PickleValue = .none
    /// Entries set on it as on a dict (a dict subclass).
    var entries: [(key: PickleValue, value: PickleValue)] = []
    /// Items appended to it as to a list (a list subclass).
    var items: [PickleValue] = []

    init(type: PickleGlobal, arguments: [PickleValue]) {
        self.type = type
        self.arguments = arguments
    }

    /// Drops arguments, state, entries and items.
    override func clear() {
        arguments = []
        state = .none
        entries = []
        items = []
    }
}
