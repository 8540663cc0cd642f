import GateCanvas
import GateCore

/// Two runs of the same length, step-locked in one screen (``CompareView``): per gate and state of
/// the layer shown, A's heatmap, B's and the difference |A − B|, over the steps up to the cursor.
/// Rows are read from the two sources for the steps in view only, so traces of any length work.
///
/// Keys: ←/→ `h`/`l` step, space play, `+`/`-` speed, Home `g` / End `G`, `<`/`>` a screen,
/// `:` go to a step (`:400001`) or a unit (`:u 17`), `[`/`]` layer, `d` direction, ↑/↓ `k`/`j` a block
/// and PgUp/PgDn a screen of series and units (when they do not all fit), `?` help, `q` quit.
public struct CompareSessionApp: PlaybackApp {
    /// Run A.
    let a: any ExplorerRowSource
    /// Run B.
    let b: any ExplorerRowSource
    /// Labels of A and B.
    public let labelA: String
    /// Label of B.
    public let labelB: String
    /// The layers recorded (index, has reverse).
    let layers: [Int]
    /// Whether layers have a reverse direction.
    let hasReverse: Bool
    /// The cursor (0-based, shared by A and B), play or pause and the speed.
    public private(set) var playback = Playback(speedIndex: 3)
    /// Position in `layers`.
    public private(set) var layerPosition = 0
    /// Whether the reverse direction is shown.
    public private(set) var isReverse = false
    /// The first series block shown (see ``CompareView/blocks(area:mode:)``).
    public private(set) var firstBlock = 0
    /// The screen as the events told it.
    public var screen = ScreenGeometry()
    /// The `:` prompt while it is open (the explorer's).
    public private(set) var goTo: GoToPrompt?
    /// Whether the help overlay is shown.
    public private(set) var showsHelp = false
    /// A one-line notice on the hint line (where a `:` target was out of range), until the next key.
    public private(set) var message: String?
    /// The vocabularies of text runs (their characters are shown above the heatmaps).
    let vocabularies: (a: [String]?, b: [String]?)

    /// A comparison of `a` and `b`, which must have the same number of steps.
    public init(a: any ExplorerRowSource, b: any ExplorerRowSource, labelA: String, labelB: String,
                vocabularyA: [String]? = nil, vocabularyB: [String]? = nil) throws {
        guard a.steps == b.steps else {
            throw ShapeError("cannot compare runs of different lengths: A has \(a.steps) steps, B has \(b.steps)")
        }
        let first = try a.rows(0..<min(1, a.steps))
        self.a = a
        self.b = b
        self.labelA = labelA
        self.labelB = labelB
        layers = Array(Set(first.layers.map(\.layer))).sorted()
        hasReverse = first.layers.contains { $0.isReverse }
        vocabularies = (vocabularyA, vocabularyB)
    }

    /// Steps in each run.
    public var totalSteps: Int { a.steps }

    /// The cursor (0-based, shared by A and B).
    public var step: Int { playback.step }

    /// Whether playback runs.
    public var isPlaying: Bool { playback.isPlaying }

    /// Steps shown per heatmap at the screen's width.
    var span: Int { max(1, max(HeatmapCanvas.labelWidth + 4, (screen.width - 4) / 3) - HeatmapCanvas.labelWidth) }

    public static var keyMap: KeyMap<ExplorerCommand> { CompareKeys.map }

    public var minimumSize: (width: Int, height: Int) { ExplorerLayout.minimumSize }

    public mutating func begin(colorMode: ColorMode) {
        screen.colorMode = colorMode
    }

    public mutating func handle(_ event: InputEvent) -> AppAction {
        if case .key(let key) = event {
            message = nil
            if goTo != nil { handleGoToKey(key); return .continue }
        }
        switch event {
        case .key(.character("<")) where !showsHelp: move(to: step - span)
        case .key(.character(">")) where !showsHelp: move(to: step + span)
        default: return handleScreenEvent(event)
        }
        return .continue
    }

    /// The explorer's commands that mean something here (``CompareKeys``): playback, `:` go to,
    /// layer, direction, ↑/↓ PgUp/PgDn scroll the series blocks, help.
    public mutating func apply(_ command: ExplorerCommand) -> AppAction {
        if let done = playback.applyShared(command, showsHelp: &showsHelp, total: totalSteps) { return done }
        switch command {
        case .openGoTo: goTo = GoToPrompt()
        case .toggleHelp: showsHelp = true
        case .nextLayer, .previousLayer:
            layerPosition = layerPosition.cycled(by: command == .nextLayer ? 1 : -1, count: layers.count)
            firstBlock = 0
        case .toggleDirection:
            if hasReverse { isReverse.toggle() }
            firstBlock = 0
        case .previousUnit: scroll(by: -1, pages: false)
        case .nextUnit: scroll(by: 1, pages: false)
        case .previousUnitPage: scroll(by: -1, pages: true)
        case .nextUnitPage: scroll(by: 1, pages: true)
        case .quit: return .quit
        default: break
        }
        return .continue
    }

    public mutating func tick() {
        // Rows computed in the background (a long run's reverse direction) are read again on render.
        _ = a.poll()
        _ = b.poll()
        guard !showsHelp else { return }
        playback.tick(total: totalSteps)
    }

    /// Ticks while playing, and while rows are computed in the background (to take them in).
    public var tickInterval: Duration? {
        playback.tickInterval ?? (pendingPercent == nil ? nil : ExplorerSessionApp.pendingPollInterval)
    }

    /// How far the slower of A's and B's background computations is, in whole percent; nil when none runs.
    var pendingPercent: Int? {
        let progress = [a.pendingProgress, b.pendingProgress].compactMap { $0 }
        return progress.min().map { Int((min(max($0, 0), 1) * 100).rounded(.down)) }
    }

    /// The screen area the view is drawn in (all but the hint line) at the last rendered size.
    private var viewArea: Rect { Rect(x: 0, y: 0, width: screen.width, height: max(0, screen.height - 1)) }

    /// Scrolls the series blocks by `offset` blocks, or by `offset` screens when `pages`; clamped so
    /// the last block can reach the top.
    mutating func scroll(by offset: Int, pages: Bool) {
        guard let view = try? view(width: screen.width) else { return }
        let (all, visible) = view.blocks(area: viewArea, mode: screen.colorMode)
        guard !all.isEmpty else { return }
        let amount = pages ? offset * max(1, visible.count) : offset
        firstBlock = min(max(0, firstBlock + amount), all.count - 1)
    }

    /// A key for the open `:` prompt; Enter goes to a step of the runs (clamped, saying so) or pages to
    /// the block holding a unit of the series at the top.
    mutating func handleGoToKey(_ key: Key) {
        guard var prompt = goTo else { return }
        switch prompt.handle(key) {
        case .editing: goTo = prompt
        case .cancelled: goTo = nil
        case .finished(.step(let number)):
            goTo = nil
            move(to: number - 1)
            if number > totalSteps { message = "the runs have \(totalSteps) steps: went to the last" }
        case .finished(.unit(let number)):
            goTo = nil
            go(toUnit: number - 1)
        }
    }

    /// Pages to the block showing `unit` (0-based) of the series at the top, or says the layer has
    /// fewer units.
    mutating func go(toUnit unit: Int) {
        guard let view = try? view(width: screen.width) else { return }
        let (all, _) = view.blocks(area: viewArea, mode: screen.colorMode)
        guard !all.isEmpty else { return }
        let series = all[min(max(0, firstBlock), all.count - 1)].window
        guard let target = all.firstIndex(where: { $0.window == series && $0.units.contains(unit) }) else {
            let units = view.windows[series].a.columns
            message = "this series has \(units) unit\(units == 1 ? "" : "s"): type u 1 to u \(units)"
            return
        }
        firstBlock = target
    }

    /// The help overlay: the compare view's keys (``CompareKeys``), then `<`/`>`.
    var helpOverlay: HelpOverlay {
        HelpOverlay(title: " compare · help · Esc or ? closes ", keyMap: Self.keyMap,
                    extra: [("<  >", "a screen of steps back / forward")], notes: [("mouse", "wheel: step")],
                    sections: [.init(heading: "compare", ["A and B are two runs of the same length, step-locked: per series A's heatmap, B's, and |A − B| over the steps up to the cursor"])])
    }

    /// The hint line's words for `command`, from the key map (its keys as the help shows them).
    static func hint(_ command: ExplorerCommand, _ words: String) -> String? {
        keyMap.bindings.first { $0.command == command && !$0.keysLabel.isEmpty }.map { "\($0.keysLabel) \(words)" }
    }

    /// Moves the cursor to `target` (clamped).
    public mutating func move(to target: Int) {
        playback.seek(to: target, total: totalSteps)
    }

    /// The view at the cursor for a screen `width` columns wide.
    public func view(width: Int) throws -> CompareView {
        let columnWidth = max(HeatmapCanvas.labelWidth + 4, (width - 4) / 3)
        let steps = max(1, columnWidth - HeatmapCanvas.labelWidth)
        let first = max(0, step + 1 - steps)
        let range = first..<min(totalSteps, step + 1)
        let rowsA = try a.rows(range)
        let rowsB = try b.rows(range)
        let layer = layers.isEmpty ? 0 : layers[min(layerPosition, layers.count - 1)]
        var windows: [CompareWindow] = []
        if let la = rowsA.layer(layer, reverse: isReverse), let lb = rowsB.layer(layer, reverse: isReverse) {
            for name in la.kind.seriesNames {
                guard let ma = la.series[name], let mb = lb.series[name], ma.columns == mb.columns, ma.rows == mb.rows else { continue }
                var window = CompareWindow(series: name, a: ma, b: mb, firstStep: first)
                window.bothNaNUnknown = pendingPercent != nil
                windows.append(window)
            }
        }
        var view = CompareView(labelA: labelA, labelB: labelB, windows: windows, step: step, totalSteps: totalSteps)
        view.firstBlock = firstBlock
        view.textA = Self.text(rowsA.tokens, vocabulary: vocabularies.a)
        view.textB = Self.text(rowsB.tokens, vocabulary: vocabularies.b)
        return view
    }

    /// Tokens as visible strings, when the run reads text.
    static func text(_ tokens: [Int]?, vocabulary: [String]?) -> [String]? {
        guard let tokens, let vocabulary else { return nil }
        return tokens.map { $0 >= 0 && $0 < vocabulary.count ? ExplorerRun.printable(vocabulary[$0]) : "?" }
    }

    public func render(into buffer: inout CellBuffer) {
        let area = Rect(x: 0, y: 0, width: buffer.width, height: buffer.height - 1)
        do {
            try view(width: buffer.width).draw(into: &buffer, area: area)
        } catch {
            buffer.put("cannot read steps: \(error)", x: 0, y: 0, style: ExplorerTheme.notice)
        }
        // Whole hints in priority order, as many as fit (a narrow terminal drops the last ones, never cuts
        // one); scrolling to the series off screen comes before the conveniences.
        var hints = ["←/→ step", "space \(isPlaying ? "pause" : "play")"]
        // Rows computed in the background (a long run's reverse direction) say so first.
        if let percent = pendingPercent { hints.insert("computing \(percent) % (× until then)", at: 0) }
        if let view = try? view(width: buffer.width) {
            let (all, visible) = view.blocks(area: area, mode: buffer.colorMode)
            if visible.count < all.count { hints.append("↑/↓ PgUp/PgDn series") }
        }
        if layers.count > 1 { hints.append("[ ] layer \(layerPosition + 1)/\(layers.count)") }
        if hasReverse { hints.append("d direction (\(isReverse ? "←" : "→"))") }
        hints += [Self.hint(.openGoTo, "go to step"), "g/G first/last", "</> a screen", Self.hint(.toggleHelp, "help")].compactMap { $0 }
        let hintLine = Rect(x: 0, y: buffer.height - 1, width: buffer.width, height: 1)
        if let goTo {
            goTo.line.draw(into: &buffer, x: 0, y: hintLine.y, maxX: hintLine.maxX)
        } else if let message {
            StyledText(" " + message, ExplorerTheme.notice).draw(into: &buffer, x: 0, y: hintLine.y, maxX: hintLine.maxX)
        } else {
            StatusBar.hints(hints, pinned: ["q quit"], style: ExplorerTheme.dim).draw(in: hintLine, into: &buffer)
        }
        if showsHelp { helpOverlay.draw(in: buffer.area, into: &buffer) }
    }
}
