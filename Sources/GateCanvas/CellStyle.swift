/// Colours and attributes of one terminal cell.
public struct CellStyle: Hashable, Sendable {
    /// Glyph colour.
    public var foreground: TerminalColor
    /// Cell background colour.
    public var background: TerminalColor
    /// Bold (often also "bright") text.
    public var bold: Bool
    /// Underlined text.
    public var underline: Bool
    /// Foreground and background swapped by the terminal.
    public var reverse: Bool
    /// Dim (faint) text.
    public var dim: Bool

    /// Creates a style; every attribute defaults to off and both colours to the terminal default.
    public init(
        foreground: TerminalColor = .default, background: TerminalColor = .default,
        bold: Bool = false, underline: Bool = false, reverse: Bool = false, dim: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }

    /// The terminal's default look: default colours, no attributes.
    public static let plain = CellStyle()
}
