/// A screen's command type with playback, a help overlay and quit among its commands, so the part
/// of command handling every screen shares is written once (``Playback/applyShared(_:showsHelp:total:growing:)``).
public protocol ScreenCommands: PlaybackCommands {
    /// Open (or close) the help overlay.
    static var toggleHelp: Self { get }
    /// Close what is open (Esc).
    static var closeOverlay: Self { get }
    /// Leave the screen.
    static var quit: Self { get }
}

extension Playback {
    /// The command handling every screen shares: while the help is open only closing it and quit
    /// act; a playback command moves this playback over `total` steps. Returns nil for a command
    /// the screen handles itself.
    public mutating func applyShared<Command: ScreenCommands>(_ command: Command, showsHelp: inout Bool, total: Int,
                                                               growing: Bool = false) -> AppAction? {
        if showsHelp {
            if command == .quit { return .quit }
            if command == .toggleHelp || command == .closeOverlay { showsHelp = false }
            return .continue
        }
        guard let playback = command.playback else { return nil }
        apply(playback, total: total, growing: growing)
        return .continue
    }
}

extension KeyBinding where Command: ScreenCommands {
    /// The keys that end every screen's list, in help order: `?` (help; Esc closes it), `q` (quit).
    public static var helpAndQuitKeys: [KeyBinding] {
        [KeyBinding("?", "this help (Esc or ? closes it)", [.character("?")], .toggleHelp),
         KeyBinding("", "", [.escape], .closeOverlay),
         KeyBinding("q", "quit", [.character("q"), .character("Q"), .ctrl("c")], .quit)]
    }
}
