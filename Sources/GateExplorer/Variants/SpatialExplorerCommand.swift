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
    public static let bindings: [(label: String, meaning: String, keys: [Key], command: SpatialExplorerCommand)] = [
        ("→  l", "step forward", [.right, .character("l")], .stepForward),
        ("←  h", "step back", [.left, .character("h")], .stepBack),
        ("space", "play / pause", [.character(" ")], .togglePlay),
        ("+  -", "faster / slower playback", [.character("+"), .character("=")], .faster),
        ("", "", [.character("-"), .character("_")], .slower),
        ("Home  g", "first step", [.home, .character("g")], .firstStep),
        ("End  G", "last step", [.end, .character("G")], .lastStep),
        ("↓  j  ↑  k", "next / previous channel", [.down, .character("j")], .nextChannel),
        ("", "", [.up, .character("k")], .previousChannel),
        ("m", "one channel in full / all channels as a grid", [.character("m")], .toggleGrid),
        ("Tab", "series in the grid: f i g o c h (shift-Tab back)", [.tab], .nextSeries),
        ("", "", [.backTab], .previousSeries),
        ("H J K L", "move the selected pixel (or click a map)", [.character("H")], .pixelLeft),
        ("", "", [.character("J")], .pixelDown),
        ("", "", [.character("K")], .pixelUp),
        ("", "", [.character("L")], .pixelRight),
        ("[  ]", "previous / next layer", [.character("[")], .previousLayer),
        ("", "", [.character("]")], .nextLayer),
        ("x", "exact numbers (6 decimals) / rounded", [.character("x")], .toggleExactNumbers),
        ("p", "colour-blind-safe palette on / off", [.character("p")], .togglePalette),
        ("?", "this help (Esc or ? closes it)", [.character("?")], .toggleHelp),
        ("", "", [.escape], .closeOverlay),
        ("q", "quit", [.character("q"), .character("Q"), .ctrl("c")], .quit),
    ]

    /// The command for a key, if any.
    public static func command(for key: Key) -> SpatialExplorerCommand? {
        bindings.first { $0.keys.contains(key) }?.command
    }
}
