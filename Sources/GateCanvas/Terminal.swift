/// A screen that shows cell buffers and produces input events.
///
/// Implementations are not thread-safe: use a terminal from one thread only.
public protocol Terminal: AnyObject {
    /// The current size in cells.
    var size: (width: Int, height: Int) { get }
    /// How the terminal shows colours.
    var colorMode: ColorMode { get }
    /// Shows `buffer`, sending only the cells that differ from the previously drawn buffer.
    @discardableResult
    func draw(_ buffer: CellBuffer) throws -> FrameStats
    /// Waits up to `timeout` (forever when nil) for an event; nil when the timeout elapsed.
    /// A `.resize` event is returned after `size` has taken the new value.
    func nextEvent(timeout: Duration?) throws -> InputEvent?
    /// An event that is already waiting (typed ahead, pasted, a key held down), without waiting;
    /// nil when there is none. The run loop drains these before drawing, so a burst of keys costs
    /// one frame, not one frame per key.
    func pendingEvent() throws -> InputEvent?
}

extension Terminal {
    /// No typed-ahead events (terminals that cannot tell handle one event per frame).
    public func pendingEvent() throws -> InputEvent? { nil }
}
