import GateCanvas

/// The compare view's keys: the explorer's commands it acts on, with what they do here (↑/↓ and
/// PgUp/PgDn page through series and units). One list dispatches the keys and writes the help.
public enum CompareKeys {
    /// Every key the compare view understands, in help order (`<`/`>` are the view's own).
    public static let map = KeyMap<ExplorerCommand>(KeyBinding.playbackKeys(ExplorerCommand.init) + [
        ExplorerKeyBinding("↑ ↓ k j", "previous / next block of series and units", [.up, .character("k")], .previousUnit),
        ExplorerKeyBinding("", "", [.down, .character("j")], .nextUnit),
        ExplorerKeyBinding("PgUp PgDn", "a screen of series and units back / on", [.pageUp], .previousUnitPage),
        ExplorerKeyBinding("", "", [.pageDown], .nextUnitPage),
        ExplorerKeyBinding(":", "go to a step (:400001) or a unit of the top series (:u 17)", [.character(":")], .openGoTo),
        ExplorerKeyBinding("[  ]  L", "previous / next layer (L cycles)", [.character("[")], .previousLayer),
        ExplorerKeyBinding("", "", [.character("]"), .character("L")], .nextLayer),
        ExplorerKeyBinding("d", "switch direction (bidirectional runs)", [.character("d")], .toggleDirection),
    ] + KeyBinding.helpAndQuitKeys(help: .toggleHelp, close: .closeOverlay, quit: .quit))
}
