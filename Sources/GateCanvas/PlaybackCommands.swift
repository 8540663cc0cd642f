/// A screen's command type that has the playback commands among its own (enum cases satisfy the
/// requirements), so that one key list and one ``Playback`` serve every screen.
public protocol PlaybackCommands: Equatable, Sendable {
    /// One step forward.
    static var stepForward: Self { get }
    /// One step back.
    static var stepBack: Self { get }
    /// The first step.
    static var firstStep: Self { get }
    /// The last step.
    static var lastStep: Self { get }
    /// Play or pause.
    static var togglePlay: Self { get }
    /// Faster.
    static var faster: Self { get }
    /// Slower.
    static var slower: Self { get }
}

extension PlaybackCommands {
    /// The screen's command for a playback command.
    public init(_ playback: Playback.Command) {
        switch playback {
        case .stepForward: self = .stepForward
        case .stepBack: self = .stepBack
        case .firstStep: self = .firstStep
        case .lastStep: self = .lastStep
        case .togglePlay: self = .togglePlay
        case .faster: self = .faster
        case .slower: self = .slower
        }
    }

    /// The playback command this is, if it is one.
    public var playback: Playback.Command? {
        let all: [Playback.Command] = [.stepForward, .stepBack, .firstStep, .lastStep, .togglePlay, .faster, .slower]
        return all.first { Self($0) == self }
    }
}
