import GateCore
import Synchronization

/// Fills a lazy run's reverse-reading checkpoints on a background task, so the explorer can draw the
/// forward direction at once: the task computes them in a ``CheckpointedRun`` of its own (nothing is
/// shared but the network and the input, both values), publishes its progress, and hands over the
/// finished checkpoints as a value (``RunCheckpoints``) that the explorer's run adopts on a tick. It
/// then goes on to the forward-reading checkpoints to the end (so that End computes one chunk) and
/// hands those over too.
public final class ReverseCheckpointFill: Sendable {
    /// Progress of the fill under way (0...1), whether that is the forward-reading one, checkpoints
    /// not taken yet, whether both fills are done, and whether to stop.
    private let state = Mutex<(progress: Double, forward: Bool, result: RunCheckpoints?, finished: Bool, cancelled: Bool)>(
        (0, false, nil, false, false))

    /// Starts filling the checkpoints of `network` over `input` in chunks of `chunkSize`.
    public init(network: RecurrentNetwork, input: Matrix, tokens: [Int]?, chunkSize: Int) {
        Task.detached(priority: .userInitiated) { [self] in
            guard let run = try? CheckpointedRun(network: network, input: input, tokens: tokens, chunkSize: chunkSize) else {
                state.withLock { $0.finished = true }
                return
            }
            run.fillReverseCheckpoints { progress in
                state.withLock { state in
                    state.progress = progress
                    return !state.cancelled
                }
            }
            let reverse = run.knownCheckpoints
            let going = state.withLock { state -> Bool in
                if !state.cancelled { state.result = reverse }
                state.forward = true
                state.progress = 0
                return !state.cancelled
            }
            guard going else { return }
            run.fillForwardCheckpoints { progress in
                state.withLock { state in
                    state.progress = progress
                    return !state.cancelled
                }
            }
            let all = run.knownCheckpoints
            state.withLock { state in
                if !state.cancelled { state.result = all }
                state.finished = true
            }
        }
    }

    /// How far the fill under way is, 0...1.
    public var progress: Double { state.withLock { $0.progress } }

    /// Whether the reverse-reading fill is done and the forward-reading one under way.
    public var isFillingForward: Bool { state.withLock { $0.forward } }

    /// Whether the fill has ended (every checkpoint handed over, or stopped).
    public var isFinished: Bool { state.withLock { $0.finished } }

    /// Checkpoints handed over since the last call (nil when none), newest only.
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
