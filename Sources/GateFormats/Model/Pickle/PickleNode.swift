/// A container the unpickler made; ``clear()`` drops its children so teardown never recurses deeply.
class PickleNode {
    /// Drops every reference this node holds.
    func clear() {}
}
