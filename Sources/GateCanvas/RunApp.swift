/// Limits on draining typed-ahead input before a frame is drawn.
public enum RunLoopDrain {
    /// Most events handled between two frames.
    public static let limit = 20_000
    /// Longest time spent reading typed-ahead events before drawing.
    public static let budget = Duration.milliseconds(100)
}

/// Runs `app` on `terminal` until the app quits: renders, waits for an event or the next tick,
/// hands the event to the app, and renders again.
///
/// - Start: the app hears the colour mode (``TerminalApp/begin(colorMode:)``) and the terminal's
///   size (a ``InputEvent/resize(width:height:)``) before the first frame.
/// - Ticks: while `app.tickInterval` is non-nil, the app receives ``InputEvent/tick`` at that
///   interval, also when other events keep arriving.
/// - Size: while the terminal is smaller than `app.minimumSize`, a centred ``SizeNotice`` replaces
///   the app's screen, ticks pause, only `q`/`Q`/Ctrl-C (quit) and resizes reach the loop (resizes are
///   still passed to the app), and the app's screen returns once the terminal is large enough.
/// - Signals: when the terminal throws ``InterruptSignal`` (a caught SIGINT, SIGTERM or SIGHUP), the
///   app's ``TerminalApp/interrupted(bySignal:)`` runs and the loop returns
///   ``RunOutcome/interrupted(signal:)``; the caller restores the terminal and exits with 128 + signal.
/// - Typed-ahead input: after an event, every event already waiting (``Terminal/pendingEvent()``,
///   up to ``RunLoopDrain/limit`` or ``RunLoopDrain/budget``) is handled before the next frame is
///   drawn, so 5000 queued keys cost one frame, and a `q` among them quits at once.
/// - Other errors thrown by the terminal end the loop and propagate.
/// - Returns: ``RunOutcome/quit`` when the app quit, or the signal that interrupted the loop.
/// - Parameter drainBudget: longest time spent reading typed-ahead events before drawing (tests that
///   count frames pass a long one, so a slow machine or a sanitizer build draws no extra frame).
@discardableResult
public func runApp(_ app: inout some TerminalApp, on terminal: some Terminal, appName: String = "gatescope",
                   drainBudget: Duration = RunLoopDrain.budget) throws -> RunOutcome {
    let clock = ContinuousClock()
    var nextTick: ContinuousClock.Instant?

    func isTooSmall() -> Bool { SizeNotice.isTooSmall(terminal.size, for: app.minimumSize) }

    func drawFrame() throws {
        let size = terminal.size
        var buffer = CellBuffer(width: size.width, height: size.height, colorMode: terminal.colorMode)
        if isTooSmall() {
            SizeNotice(appName: appName, minimum: app.minimumSize, actual: size).render(into: &buffer)
        } else {
            app.render(into: &buffer)
        }
        try terminal.draw(buffer)
    }

    app.begin(colorMode: terminal.colorMode)
    if app.handle(.resize(width: terminal.size.width, height: terminal.size.height)) == .quit { return .quit }
    try drawFrame()
    while true {
        if isTooSmall() {
            nextTick = nil
        } else if let interval = app.tickInterval {
            if nextTick == nil { nextTick = clock.now.advanced(by: interval) }
        } else {
            nextTick = nil
        }
        let timeout = nextTick.map { max(Duration.zero, clock.now.duration(to: $0)) }
        let event: InputEvent?
        do {
            event = try terminal.nextEvent(timeout: timeout)
        } catch let interruption as InterruptSignal {
            app.interrupted(bySignal: interruption.number)
            return .interrupted(signal: interruption.number)
        }

        var events: [InputEvent] = []
        if let event {
            events.append(event)
            // Typed-ahead input (a held key, a paste, a flood) is handled in one go and drawn once.
            let drainEnd = clock.now.advanced(by: drainBudget)
            do {
                while events.count < RunLoopDrain.limit, clock.now < drainEnd, let more = try terminal.pendingEvent() {
                    events.append(more)
                }
            } catch let interruption as InterruptSignal {
                app.interrupted(bySignal: interruption.number)
                return .interrupted(signal: interruption.number)
            }
        }
        if let due = nextTick, event == nil || clock.now >= due {
            events.append(.tick)
            nextTick = nil
        }
        if events.isEmpty { continue }

        if !isTooSmall() && !events.contains(where: { if case .resize = $0 { true } else { false } }) {
            if app.handle(burst: events) == .quit { return .quit }
            try drawFrame()
            continue
        }
        for event in events {
            if isTooSmall() {
                switch event {
                case .key(.character("q")), .key(.character("Q")), .key(.ctrl("c")):
                    return .quit
                case .resize:
                    if app.handle(event) == .quit { return .quit }
                default:
                    continue
                }
            } else if app.handle(event) == .quit {
                return .quit
            }
        }
        try drawFrame()
    }
}
