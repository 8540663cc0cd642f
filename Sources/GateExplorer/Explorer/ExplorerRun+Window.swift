import GateCore

extension ExplorerRun {
    /// Whether this run holds a window of a longer run (a long input read window by window), not all of it.
    public var isWindow: Bool { stepOffset > 0 || shownTotalSteps > trace.steps }
}
