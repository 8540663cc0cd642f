/// The checkpoints a ``CheckpointedRun`` knows, as a value: computed by one run (say, on a background
/// thread) and handed to another run of the same network over the same input with
/// ``CheckpointedRun/adopt(_:)``.
public struct RunCheckpoints: Sendable, Equatable {
    /// Per layer and direction, the forward-reading states at the start of chunks 0, 1, … (known so far).
    public var forward: [[[RecurrentState]]]
    /// Per layer and direction, the reverse-reading state entering each chunk from its end (nil: unknown).
    public var reverse: [[[RecurrentState?]]]
}
