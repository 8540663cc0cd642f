import GateCanvas
/// Which timesteps the panels show: a window of columns that pages when the cursor reaches its edge,
/// so a plain step moves only the cursor column and the heatmaps stay put.
public struct TimeWindow: Hashable, Sendable {
    /// The first step shown (0-based).
    public var start: Int
    /// Columns available (steps shown when the run is long enough).
    public var width: Int

    /// The window for `step` of a run of `total` steps, `width` columns wide.
    ///
    /// Pages overlap by a quarter of the width, so after a page the last few steps stay in view as
    /// context. A pure function of the step, so stepping back returns exactly the earlier picture.
    public init(step: Int, total: Int, width: Int) {
        self.width = max(1, width)
        guard total > self.width else {
            start = 0
            return
        }
        let overlap = self.width / 4
        let stride = max(1, self.width - overlap)
        let page = max(0, (step - overlap) / stride)
        start = min(page * stride, total - self.width)
    }

    /// Steps shown: `start ..< start + width`, cut at the run's end.
    public func steps(total: Int) -> Range<Int> { start ..< min(total, start + width) }

    /// The column (0-based, from the heatmap's left edge) of `step`, or nil when out of view.
    public func column(of step: Int) -> Int? {
        step >= start && step < start + width ? step - start : nil
    }
}
