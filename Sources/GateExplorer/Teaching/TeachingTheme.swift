import GateCanvas
/// Teaching mode's text styles: a marker colour for what a stop points at, and presenter contrast.
public enum TeachingTheme {
    /// The highlight marker (▶) and the stop's heading.
    public static let highlight = CellStyle(foreground: .indexed(11), bold: true)
    /// Narration text.
    public static let narration = CellStyle()
    /// The question.
    public static let question = CellStyle(foreground: .indexed(14), bold: true)
    /// The answer and quiz results.
    public static let answer = CellStyle(foreground: .indexed(10), bold: true)
    /// Presenter labels: bright white, bold.
    public static let presenterLabel = CellStyle(foreground: .indexed(15), bold: true)
    /// The first plotted model (● marks).
    public static let plotMain = CellStyle(foreground: .indexed(11), bold: true)
    /// The twin model (× marks).
    public static let plotTwin = CellStyle(foreground: .indexed(14), bold: true)
}
