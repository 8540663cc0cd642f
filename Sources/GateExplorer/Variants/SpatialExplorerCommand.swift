import GateCanvas
/// What a key asks of the ConvLSTM (spatial) explorer.
public enum SpatialExplorerCommand: Sendable, Equatable {
    /// Next / previous step.
    case stepForward, stepBack
    /// First / last step.
    case firstStep, lastStep
    /// Play / pause.
    case togglePlay
    /// Faster / slower playback.
    case faster, slower
    /// Next / previous channel.
    case nextChannel, previousChannel
    /// Next / previous layer.
    case nextLayer, previousLayer
    /// One channel in full / every channel of one series in a grid.
    case toggleGrid
    /// The series the grid shows (Tab / shift-Tab).
    case nextSeries, previousSeries
    /// Moves the selected pixel.
    case pixelUp, pixelDown, pixelLeft, pixelRight
    /// Colour-blind-safe palette on / off.
    case togglePalette
    /// Exact numbers / rounded.
    case toggleExactNumbers
    /// Help overlay.
    case toggleHelp, closeOverlay
    /// Quit.
    case quit

    /// The key map, in help order: keys as shown, meaning, keys, command.
    public static let keys = KeyMap<SpatialExplorerCommand>(KeyBinding.playbackKeys(SpatialExplorerCommand.init) + [
        KeyBinding("↓  j  ↑  k", "next / previous channel", [.down, .character("j")], .nextChannel),
        KeyBinding("", "", [.up, .character("k")], .previousChannel),
        KeyBinding("m", "one channel in full / all channels as a grid", [.character("m")], .toggleGrid),
        KeyBinding("Tab", "series in the grid: f i g o c h (shift-Tab back)", [.tab], .nextSeries),
        KeyBinding("", "", [.backTab], .previousSeries),
        KeyBinding("H J K L", "move the selected pixel (or click a map)", [.character("H")], .pixelLeft),
        KeyBinding("", "", [.character("J")], .pixelDown),
        KeyBinding("", "", [.character("K")], .pixelUp),
        KeyBinding("", "", [.character("L")], .pixelRight),
        KeyBinding("[  ]", "previous / next layer", [.character("[")], .previousLayer),
        KeyBinding("", "", [.character("]")], .nextLayer),
        KeyBinding("x", "exact numbers (6 decimals) / rounded", [.character("x")], .toggleExactNumbers),
        KeyBinding("p", "colour-blind-safe palette on / off", [.character("p")], .togglePalette),
    ] + KeyBinding.helpAndQuitKeys)

    /// The command for a key, if any.
    public static func command(for key: Key) -> SpatialExplorerCommand? {
        keys.command(for: key)
    }
}

extension SpatialExplorerCommand: ScreenCommands {}
