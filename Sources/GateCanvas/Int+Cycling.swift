extension Int {
    /// This position moved `offset` places in a cycle of `count` (wrapping at both ends: `]` on the
    /// last layer gives the first); 0 when the cycle is empty.
    public func cycled(by offset: Int, count: Int) -> Int {
        guard count > 0 else { return 0 }
        return ((self + offset) % count + count) % count
    }
}
