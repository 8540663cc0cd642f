import GateCanvas
/// One labelled map on the ConvLSTM explorer's screen: what it shows and where.
public struct SpatialTile: Sendable, Equatable {
    /// What a tile shows.
    public enum Content: Sendable, Equatable {
        /// The input frame x_t (channel 0 of the input).
        case frame
        /// A gate, candidate or state of the channel shown (index into `SpatialSeries.all`).
        case series(Int)
        /// The cell before the step, c₋₁.
        case previousCell
        /// f⊙c₋₁: what the forget gate kept.
        case kept
        /// i⊙g: what the input gate wrote.
        case written
        /// The head's prediction of the next frame.
        case prediction
        /// The frame that actually came next.
        case nextFrame
        /// One channel of the grid series.
        case channel(Int)
        /// The channel's cell state at one step (the film strip).
        case film(Int)
    }

    /// What it shows.
    public var content: Content
    /// The label above the map.
    public var title: String
    /// The map's top-left cell (under the label).
    public var mapX: Int
    /// The map's top-left cell (under the label).
    public var mapY: Int
    /// Pixels per map pixel, horizontally (vertically it is the same, two pixels per text row).
    public var scale: Int
    /// Whether a value row is drawn under the map.
    public var showsValue: Bool
}
