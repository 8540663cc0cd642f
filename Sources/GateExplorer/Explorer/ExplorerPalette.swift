import GateCanvas
/// The pair of colour scales the explorer paints with: one for gates in [0, 1], one for signed values.
public enum ExplorerPalette: String, CaseIterable, Sendable {
    /// Viridis-like gates, blue–white–red signed values.
    case standard
    /// Cividis-like gates, blue–white–orange signed values: safe for red–green colour blindness.
    case colorBlindSafe = "cb"

    /// The scale for gates in [0, 1].
    public var sequential: ColorScale {
        self == .standard ? .sequential : .sequentialColorBlindSafe
    }

    /// The scale for signed values, centred on 0.
    public var diverging: ColorScale {
        self == .standard ? .diverging : .divergingColorBlindSafe
    }

    /// The other palette.
    public var toggled: ExplorerPalette { self == .standard ? .colorBlindSafe : .standard }

    /// How the palette is named on screen.
    public var label: String { self == .standard ? "standard colours" : "colour-blind-safe colours" }
}
