/// The steps of a layer in the order backpropagation visits them — the last one the layer processed
/// first — each with the step whose state it read (nil for the first one processed). A forward layer
/// processed 0, 1, …, T−1 and step t read t−1; a reverse layer processed T−1, …, 0 and step t read t+1.
struct BackwardSteps: Sequence, IteratorProtocol {
    /// Steps in the layer.
    let count: Int
    /// Whether the layer ran in reverse.
    let reverse: Bool
    /// How many steps of processing order are still to visit.
    private var remaining: Int

    /// The steps of a `count`-step layer, forward or `reverse`.
    init(count: Int, reverse: Bool) {
        self.count = count
        self.reverse = reverse
        remaining = count
    }

    mutating func next() -> (t: Int, previous: Int?)? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        let s = remaining
        let t = reverse ? count - 1 - s : s
        return (t, s == 0 ? nil : (reverse ? t + 1 : t - 1))
    }
}
