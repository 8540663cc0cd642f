import GateCanvas
/// One block of the compare view: a range of units of one series (window), drawn as the three
/// heatmaps A, B and |A − B| side by side. A series whose units do not fit the screen is split into
/// several blocks, so ↑/↓ can page through every unit of every series.
public struct CompareBlock: Sendable, Equatable {
    /// Index into ``CompareView/windows``.
    public var window: Int
    /// The units shown (0-based).
    public var units: Range<Int>
}
