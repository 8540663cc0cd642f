/// The terminal as an app knows it from its events: the size from ``InputEvent/resize(width:height:)``
/// and the colour mode from ``TerminalApp/begin(colorMode:)``. A value the app keeps, so update
/// lays out the screen without asking the terminal or remembering what render saw.
public struct ScreenGeometry: Sendable, Equatable {
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int
    /// The colour mode.
    public var colorMode: ColorMode

    /// A screen; 120 × 40 in true colour until the first resize says otherwise.
    public init(width: Int = 120, height: Int = 40, colorMode: ColorMode = .truecolor) {
        self.width = width
        self.height = height
        self.colorMode = colorMode
    }

    /// Takes the size of a resize event; other events change nothing.
    public mutating func update(with event: InputEvent) {
        if case .resize(let width, let height) = event {
            self.width = width
            self.height = height
        }
    }
}
