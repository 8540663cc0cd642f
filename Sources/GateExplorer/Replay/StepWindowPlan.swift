import GateCanvas
/// Which rows of a long run the explorer holds at once.
///
/// Runs up to ``wholeRunLimit`` steps are held whole. Longer ones are held a window of at least
/// ``minimumRows`` steps at a time, placed so that the explorer, working inside the window, draws
/// exactly the columns it would draw for the whole run (its ``TimeWindow`` pages at the same steps);
/// a new window is read only when the screen's time window leaves the one held.
public enum StepWindowPlan {
    /// Runs up to this many steps are held whole.
    public static let wholeRunLimit = 4096
    /// Steps held at least per window of a longer run (the statistics cover them).
    public static let minimumRows = 1024

    /// Whether `rows` serves the cursor at `step` of a `total`-step run shown `width` columns wide:
    /// the explorer's time window inside `rows` is the whole run's, and every column is held.
    public static func isValid(_ rows: Range<Int>, step: Int, total: Int, width: Int) -> Bool {
        guard total > wholeRunLimit else { return rows == 0..<max(0, total) }
        guard rows.contains(step) || (total == 0 && rows.isEmpty) else { return false }
        let whole = TimeWindow(step: step, total: total, width: width)
        let local = TimeWindow(step: step - rows.lowerBound, total: rows.count, width: width)
        return local.start + rows.lowerBound == whole.start && min(total, whole.start + whole.width) <= rows.upperBound
    }

    /// The rows to hold for the cursor at `step` of a `total`-step run shown `width` columns wide.
    public static func rows(step: Int, total: Int, width: Int) -> Range<Int> {
        guard total > wholeRunLimit else { return 0..<max(0, total) }
        let whole = TimeWindow(step: step, total: total, width: width)
        let stride = max(1, whole.width - whole.width / 4)
        // Start on a page boundary at or before the screen's start, so the window's pages are the run's.
        let lowest = max(0, min(whole.start, total - minimumRows))
        let start = lowest / stride * stride
        let aligned = start..<min(total, max(start + minimumRows, whole.start + whole.width))
        if isValid(aligned, step: step, total: total, width: width) { return aligned }
        return whole.start..<min(total, whole.start + max(minimumRows, whole.width))
    }
}
