/// An in-memory ``Terminal`` for tests: plays a script of events and records every flushed buffer.
///
/// A `nil` entry in the script stands for "the timeout elapsed" (which makes the run loop tick when
/// the app asked for ticks). `.resize` entries change ``size`` when they are delivered. When the
/// script runs out, ``nextEvent(timeout:)`` throws ``TestTerminalError/scriptExhausted``, so a test
/// whose app never quits ends instead of hanging, unless ``signalWhenExhausted`` is set: then it
/// throws ``InterruptSignal`` with that number, as the real terminal does after Ctrl-C.
public final class TestTerminal: Terminal {
    /// The current size; changed by `.resize` events as they are delivered.
    public private(set) var size: (width: Int, height: Int)
    /// The colour mode reported to the run loop.
    public var colorMode: ColorMode
    /// Events still to deliver, first first.
    public private(set) var script: [InputEvent?]
    /// Every buffer drawn, in order.
    public private(set) var frames: [CellBuffer] = []
    /// Statistics of every draw, in order (cells changed relative to the previous draw).
    public private(set) var stats: [FrameStats] = []
    /// The timeout of every `nextEvent` call, in order.
    public private(set) var requestedTimeouts: [Duration?] = []
    /// When set, the signal reported (as ``InterruptSignal``) once the script has run out.
    public var signalWhenExhausted: Int32?
    /// Whether scripted events count as typed ahead: ``pendingEvent()`` then hands out every
    /// event up to the next `nil` (a timeout), so the run loop draws once per burst.
    public var typesAhead = false

    /// Creates a terminal of `width` × `height` that will deliver `script`.
    public init(width: Int, height: Int, colorMode: ColorMode = .truecolor, script: [InputEvent?] = []) {
        self.size = (width, height)
        self.colorMode = colorMode
        self.script = script
    }

    /// The last buffer drawn, if any.
    public var screen: CellBuffer? { frames.last }

    /// Appends events to the script.
    public func enqueue(_ events: InputEvent?...) {
        script.append(contentsOf: events)
    }

    @discardableResult
    public func draw(_ buffer: CellBuffer) throws -> FrameStats {
        let previous = frames.last
        let changed = previous.map { buffer.changes(from: $0).count } ?? buffer.cells.count
        let frame = FrameStats(cellsChanged: changed, fullRedraw: previous == nil
                               || previous?.width != buffer.width || previous?.height != buffer.height)
        frames.append(buffer)
        stats.append(frame)
        return frame
    }

    public func pendingEvent() throws -> InputEvent? {
        guard typesAhead, let first = script.first, let event = first else { return nil }
        script.removeFirst()
        if case let .resize(width, height) = event { size = (width, height) }
        return event
    }

    public func nextEvent(timeout: Duration?) throws -> InputEvent? {
        requestedTimeouts.append(timeout)
        guard !script.isEmpty else {
            if let signalWhenExhausted { throw InterruptSignal(number: signalWhenExhausted) }
            throw TestTerminalError.scriptExhausted
        }
        let event = script.removeFirst()
        if case let .resize(width, height) = event { size = (width, height) }
        return event
    }
}
