import GateCanvas
/// One line of the explorer's key map.
public typealias ExplorerKeyBinding = KeyBinding<ExplorerCommand>

/// The explorer's keys.
public enum ExplorerKeys {
    /// Every key the explorer understands, in the order the help lists them.
    public static let map = KeyMap<ExplorerCommand>(KeyBinding.playbackKeys(ExplorerCommand.init) + [
        ExplorerKeyBinding("↑ ↓ k j", "previous / next unit (or scroll the inspector)", [.up, .character("k")], .previousUnit),
        ExplorerKeyBinding("", "", [.down, .character("j")], .nextUnit),
        ExplorerKeyBinding("PgUp PgDn", "page through the units", [.pageUp], .previousUnitPage),
        ExplorerKeyBinding("", "", [.pageDown], .nextUnitPage),
        ExplorerKeyBinding("Tab", "focus the next panel (shift-Tab: previous)", [.tab], .nextFocus),
        ExplorerKeyBinding("", "", [.backTab], .previousFocus),
        ExplorerKeyBinding(":", "go to a step or unit (:120, :u 47)", [.character(":")], .openGoTo),
        ExplorerKeyBinding("s", "sort units (by index, activity, saturation, memory τ)", [.character("s")], .cycleSort),
        ExplorerKeyBinding("[  ]  L", "previous / next layer (L cycles)", [.character("[")], .previousLayer),
        ExplorerKeyBinding("", "", [.character("]"), .character("L")], .nextLayer),
        ExplorerKeyBinding("d", "switch direction (bidirectional models)", [.character("d")], .toggleDirection),
        ExplorerKeyBinding("A", "all layers as bands (every direction; again: one layer in full)", [.character("A")], .toggleAllLayers),
        ExplorerKeyBinding("v", "bands show belt / gates (c or h → f or z → i or r → o)", [.character("v")], .cycleBandContent),
        ExplorerKeyBinding("i", "show / hide the inspector", [.character("i")], .toggleInspector),
        ExplorerKeyBinding("a", "show all steps (or only those read so far)", [.character("a")], .toggleRevealAll),
        ExplorerKeyBinding("D", "live cell diagram on / off", [.character("D")], .toggleDiagram),
        ExplorerKeyBinding("x", "exact numbers (6 decimals) / rounded", [.character("x")], .toggleExactNumbers),
        ExplorerKeyBinding("S", "per-unit / shared colours (c h g)", [.character("S")], .toggleValueScaling),
        ExplorerKeyBinding("p", "colour-blind-safe palette (on / off)", [.character("p")], .togglePalette),
    ] + ExplorerKeyBinding.helpAndQuitKeys)

    /// The command for a key, if any.
    public static func command(for key: Key) -> ExplorerCommand? { map.command(for: key) }
}
