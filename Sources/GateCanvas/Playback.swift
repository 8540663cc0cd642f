/// Where playback stands: the step, playing or paused, and the speed; every screen that plays a run
/// over time keeps one and sends it the same commands.
public struct Playback: Sendable, Equatable {
    /// What a person can ask of playback.
    public enum Command: Sendable, Equatable {
        /// One step forward (stops at the last step).
        case stepForward
        /// One step back (stops at the first).
        case stepBack
        /// The first step.
        case firstStep
        /// The last step.
        case lastStep
        /// Play or pause; playing from the last step starts again at the first.
        case togglePlay
        /// The next speed up.
        case faster
        /// The next speed down.
        case slower
    }

    /// Speeds in steps per second.
    public static let speeds = [1, 2, 4, 8, 15, 30, 60]

    /// The current step, 0-based.
    public var step = 0
    /// Whether playback runs.
    public var isPlaying = false
    /// Index into ``speeds``.
    public var speedIndex: Int

    /// Paused at the first step, at `speedIndex` (clamped into ``speeds``).
    public init(speedIndex: Int = 3) {
        self.speedIndex = min(max(0, speedIndex), Self.speeds.count - 1)
    }

    /// Steps per second while playing.
    public var speed: Int { Self.speeds[speedIndex] }

    /// The time between ticks while playing; nil when paused.
    public var tickInterval: Duration? { isPlaying ? .microseconds(1_000_000 / speed) : nil }

    /// Applies `command` to a run of `total` steps. A `growing` run (live input, typing) has no
    /// end yet: play at its last step waits there for new steps instead of starting again.
    public mutating func apply(_ command: Command, total: Int, growing: Bool = false) {
        let last = max(0, total - 1)
        switch command {
        case .stepForward: step = min(last, step + 1)
        case .stepBack: step = max(0, step - 1)
        case .firstStep: step = 0
        case .lastStep: step = last
        case .togglePlay:
            if !isPlaying && step >= last && !growing { step = 0 }
            isPlaying.toggle()
        case .faster: speedIndex = min(Self.speeds.count - 1, speedIndex + 1)
        case .slower: speedIndex = max(0, speedIndex - 1)
        }
    }

    /// One tick of a run of `total` steps: a step forward while playing, stopping at the end (a
    /// `growing` run keeps playing there, waiting for the next step).
    public mutating func tick(total: Int, growing: Bool = false) {
        guard isPlaying else { return }
        if step + 1 < total { step += 1 } else if !growing { isPlaying = false }
    }

    /// Moves to step `target` of a run of `total` steps (clamped into the run).
    public mutating func seek(to target: Int, total: Int) {
        step = min(max(0, target), max(0, total - 1))
    }
}

/// A screen state that plays a run through a ``Playback``: the step, play state and speed read
/// through it, so each screen does not forward them itself.
public protocol PlaybackState {
    /// The step, play or pause and the speed.
    var playback: Playback { get }
}

extension PlaybackState {
    /// The current step (0-based).
    public var step: Int { playback.step }
    /// Whether playback runs.
    public var isPlaying: Bool { playback.isPlaying }
    /// Steps per second while playing.
    public var speed: Int { playback.speed }
}
