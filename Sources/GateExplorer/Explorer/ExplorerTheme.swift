import GateCanvas
/// The explorer's text styles, in one place.
public enum ExplorerTheme {
    /// Titles and the current values.
    public static let title = CellStyle(bold: true)
    /// Secondary text.
    public static let dim = CellStyle(dim: true)
    /// The cursor (current step) and other marks that must stand out.
    public static let cursor = CellStyle(bold: true, reverse: true)
    /// Marks the selected unit.
    public static let selection = CellStyle(foreground: .indexed(11), bold: true)
    /// The focused panel's label.
    public static let focused = CellStyle(bold: true, underline: true, reverse: true)
    /// Rules and borders.
    public static let rule = CellStyle(dim: true)
    /// Notices about something left out.
    public static let notice = CellStyle(foreground: .indexed(3), bold: true)
    /// Annotation track labels and sparklines.
    public static let annotation = CellStyle(foreground: .indexed(6))
}
