import GateCore
import Synchronization

/// Fills a lazy run's reverse-reading checkpoints on a background task, so the explorer can draw the
/// forward direction at once: the task computes them in a ``CheckpointedRun`` of its own (nothing is
/// shared but the network and the input, both values), publishes its progress, and hands over the
/// finished checkpoints as a value (``RunCheckpoints``) that the explorer's run adopts on a tick.
public final class ReverseCheckpointFill: Sendable {
    /// Progress (0...1), the finished checkpoints once known, and whether to stop.
    private let state = Mutex<(progress: Double, result: RunCheckpoints?, cancelled: Bool)>((0, nil, false))

    /// Starts filling the reverse-reading checkpoints of `network` over `input` in chunks of `chunkSize`.
    public init(network: RecurrentNetwork, input: Matrix, tokens: [Int]?, chunkSize: Int) {
        Task.detached(priority: .userInitiated) { [self] in
            guard let run = try? CheckpointedRun(network: network, input: input, tokens: tokens, chunkSize: chunkSize) else {
                return
            }
            run.fillReverseCheckpoints { progress in
                state.withLock { state in
                    state.progress = progress
                    return !state.cancelled
                }
            }
            let checkpoints = run.knownCheckpoints
            state.withLock { state in
                if !state.cancelled { state.result = checkpoints }
            }
        }
    }

    /// How far the fill is, 0...1.
    public var progress: Double { state.withLock { $0.progress } }

    /// The finished checkpoints, once (nil before the fill ends, and after they were taken).
    public func take() -> RunCheckpoints? {
        state.withLock { state in
            defer { state.result = nil }
            return state.result
        }
    }

    /// Stops the fill at its next chunk (its result is dropped).
    public func cancel() {
        state.withLock { $0.cancelled = true }
    }
}
