import GateCanvas
import GateCore

/// Two runs of the same length, step-locked in one screen (``CompareView``): per gate and state of
/// the layer shown, A's heatmap, B's and the difference |A − B|, over the steps up to the cursor.
/// Rows are read from the two sources for the steps in view only, so traces of any length work.
///
/// Keys: ←/→ `h`/`l` step, space play, `+`/`-` speed, Home `g` / End `G`, `<`/`>` a screen,
/// `[`/`]` layer, `d` direction, ↑/↓ `k`/`j` a block and PgUp/PgDn a screen of series and units
/// (when they do not all fit), `q` quit.
public struct CompareSessionApp: TerminalApp {
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
    /// The cursor (0-based, shared by A and B).
    public private(set) var step: Int
    /// Position in `layers`.
    public private(set) var layerPosition: Int
    /// Whether the reverse direction is shown.
    public private(set) var isReverse: Bool
    /// Whether playback runs.
    public private(set) var isPlaying: Bool
    /// Index into ``ExplorerState/speeds``.
    public private(set) var speedIndex: Int
    /// The first series block shown (see ``CompareView/blocks(area:mode:)``).
    public private(set) var firstBlock: Int
    /// Last rendered width.
    let screen: ExplorerScreenMemory
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
        step = 0
        layerPosition = 0
        isReverse = false
        isPlaying = false
        speedIndex = 3
        firstBlock = 0
        screen = ExplorerScreenMemory(width: 120, height: 40, mode: .truecolor)
        vocabularies = (vocabularyA, vocabularyB)
    }

    /// Steps in each run.
    public var totalSteps: Int { a.steps }

    /// Steps shown per heatmap at the last rendered width.
    var span: Int { max(1, max(HeatmapCanvas.labelWidth + 4, (screen.width - 4) / 3) - HeatmapCanvas.labelWidth) }

    public var tickInterval: Duration? {
        isPlaying ? .microseconds(1_000_000 / ExplorerState.speeds[speedIndex]) : nil
    }

    public var minimumSize: (width: Int, height: Int) { ExplorerLayout.minimumSize }

    public mutating func handle(_ event: InputEvent) -> AppAction {
        switch event {
        case .tick:
            if isPlaying { if step + 1 < totalSteps { step += 1 } else { isPlaying = false } }
        case .resize(let width, let height):
            screen.width = width
            screen.height = height
        case .mouse(let mouse):
            if mouse.action == .scrollUp { move(to: step - 1) }
            if mouse.action == .scrollDown { move(to: step + 1) }
        case .key(let key):
            switch key {
            case .character("<"): move(to: step - span)
            case .character(">"): move(to: step + span)
            case .up, .character("k"): scroll(by: -1, pages: false)
            case .down, .character("j"): scroll(by: 1, pages: false)
            case .pageUp: scroll(by: -1, pages: true)
            case .pageDown: scroll(by: 1, pages: true)
            default: break
            }
            switch ExplorerKeys.command(for: key) {
            case .stepForward: move(to: step + 1)
            case .stepBack: move(to: step - 1)
            case .firstStep: move(to: 0)
            case .lastStep: move(to: totalSteps - 1)
            case .togglePlay:
                if !isPlaying && step >= totalSteps - 1 { step = 0 }
                isPlaying.toggle()
            case .faster: speedIndex = min(ExplorerState.speeds.count - 1, speedIndex + 1)
            case .slower: speedIndex = max(0, speedIndex - 1)
            case .nextLayer:
                layerPosition = (layerPosition + 1) % max(1, layers.count)
                firstBlock = 0
            case .previousLayer:
                layerPosition = (layerPosition + max(1, layers.count) - 1) % max(1, layers.count)
                firstBlock = 0
            case .toggleDirection:
                if hasReverse { isReverse.toggle() }
                firstBlock = 0
            case .quit: return .quit
            default: break
            }
        }
        return .continue
    }

    /// The screen area the view is drawn in (all but the hint line) at the last rendered size.
    private var viewArea: Rect { Rect(x: 0, y: 0, width: screen.width, height: max(0, screen.height - 1)) }

    /// Scrolls the series blocks by `offset` blocks, or by `offset` screens when `pages`; clamped so
    /// the last block can reach the top.
    mutating func scroll(by offset: Int, pages: Bool) {
        guard let view = try? view(width: screen.width) else { return }
        let (all, visible) = view.blocks(area: viewArea, mode: screen.mode)
        guard !all.isEmpty else { return }
        let amount = pages ? offset * max(1, visible.count) : offset
        firstBlock = min(max(0, firstBlock + amount), all.count - 1)
    }

    /// Moves the cursor to `target` (clamped).
    public mutating func move(to target: Int) {
        step = min(max(0, target), max(0, totalSteps - 1))
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
                windows.append(CompareWindow(series: name, a: ma, b: mb, firstStep: first))
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
        screen.width = buffer.width
        screen.height = buffer.height
        screen.mode = buffer.colorMode
        let area = Rect(x: 0, y: 0, width: buffer.width, height: buffer.height - 1)
        do {
            try view(width: buffer.width).draw(into: &buffer, area: area)
        } catch {
            buffer.put("cannot read steps: \(error)", x: 0, y: 0, style: ExplorerTheme.notice)
        }
        var hints = "←/→ step · space \(isPlaying ? "pause" : "play") · g/G first/last · </> a screen"
        if layers.count > 1 { hints += " · [ ] layer \(layerPosition + 1)/\(layers.count)" }
        if hasReverse { hints += " · d direction (\(isReverse ? "←" : "→"))" }
        if let view = try? view(width: buffer.width) {
            let (all, visible) = view.blocks(area: area, mode: buffer.colorMode)
            if visible.count < all.count { hints += " · ↑/↓ PgUp/PgDn series" }
        }
        hints += " · q quit"
        _ = StyledText(" " + hints, ExplorerTheme.dim).draw(into: &buffer, x: 0, y: buffer.height - 1, maxX: buffer.width)
    }
}
