import GateCanvas
/// One teaching screen: the explorer on top (drawn into its own buffer and copied in), the teaching
/// view (gradient flow or what-if) under it, and the lesson's narration at the bottom; or, in
/// presenter mode, the presenter view. On short terminals a teaching view replaces the explorer.
/// A ConvLSTM stop draws the spatial screen where the explorer goes (no teaching view, no presenter).
public struct TeachingFrame {
    /// The session drawn.
    public let session: TeachingSession
    /// Terminal size.
    public let width: Int
    /// Terminal size.
    public let height: Int
    /// Rows given to the explorer (0 when a teaching view replaces it).
    public let explorerHeight: Int
    /// The teaching view's rectangle, when one is open.
    public let viewRect: Rect?
    /// The narration panel's rectangle, when there is one.
    public let narrationRect: Rect?

    /// Rows the explorer needs to draw.
    public static let explorerMinimumHeight = ExplorerLayout.minimumSize.height

    /// Lays out `session` on a `width` × `height` terminal.
    public init(session: TeachingSession, width: Int, height: Int) {
        self.session = session
        self.width = width
        self.height = height
        let wantsNarration = session.lesson != nil || session.quiz.isOn || session.message != nil
        let isPresenting = session.isPresenting && session.spatial == nil
        let narrationLines = wantsNarration ? NarrationPanel(session: session).lines(width: width - 1).count + 1 : 1
        var narration = min(narrationLines, max(2, height - Self.explorerMinimumHeight))
        if isPresenting { narration = min(narrationLines, max(2, height / 3)) }
        if session.showsFullNarration { narration = min(narrationLines, height) }
        let view = session.view
        let hidden = (view == .gradient && !session.shows("gradient")) || (view == .whatif && !session.shows("whatif"))
        var viewHeight = 0
        if view != .explorer && !hidden && !isPresenting && session.spatial == nil {
            viewHeight = switch view {
            case .gradient: GradientFlowPanel.preferredHeight(units: session.explorer.unitCount, unitsPerRow: 2)
            case .whatif: WhatIfPanel.preferredHeight
            case .diagram: CellDiagramView.preferredHeight
            case .explorer: 0
            }
        }
        var explorer = height - narration - viewHeight
        if viewHeight > 0 && explorer < Self.explorerMinimumHeight {
            // The view replaces the explorer; rows it does not need go to the narration (read whole).
            explorer = 0
            let spare = max(0, height - narration - viewHeight)
            narration += min(spare, max(0, narrationLines - narration))
            viewHeight = height - narration
        }
        if isPresenting || (session.showsFullNarration && explorer < Self.explorerMinimumHeight) { explorer = 0 }
        if session.explorer.showsHelp && session.spatial == nil {
            // The help lists every key that works here: it gets the whole screen.
            explorerHeight = height
            viewRect = nil
            narrationRect = nil
            return
        }
        explorerHeight = max(0, explorer)
        viewRect = viewHeight > 0 ? Rect(x: 0, y: explorerHeight, width: width, height: viewHeight) : nil
        narrationRect = narration > 0 ? Rect(x: 0, y: height - narration, width: width, height: narration) : nil
    }

    /// The explorer's layout in its part of the screen, when it is shown.
    public var explorerLayout: ExplorerLayout? {
        explorerHeight > 0 ? ExplorerLayout(state: session.explorer, width: width, height: explorerHeight, colorMode: .truecolor) : nil
    }

    /// Where the stop's highlight marker goes: the highlighted panel's label row, or the teaching view's title.
    public func highlightPoint(mode: ColorMode) -> (x: Int, y: Int)? {
        if let spatial = session.spatial {
            guard let word = session.highlight, explorerHeight > 0, !spatial.showsHelp,
                  let content = SpatialTile.Content(lessonWord: word),
                  let tile = SpatialExplorerFrame(state: spatial, width: width, height: explorerHeight).tiles.first(where: { $0.content == content })
            else { return nil }
            return (max(0, tile.mapX - 1), tile.mapY - 1)
        }
        guard let word = session.highlight, !session.isPresenting, !session.explorer.showsHelp else { return nil }
        if ["gradient", "whatif", "diagram"].contains(word) { return viewRect.map { (0, $0.y) } }
        guard explorerHeight > 0 else { return nil }
        let layout = ExplorerLayout(state: session.explorer, width: width, height: explorerHeight, colorMode: mode)
        guard let placement = layout.panels.first(where: { $0.kind.word == word }) else { return nil }
        return (placement.label.x, placement.label.y)
    }

    /// Draws the screen; `explorerScreen` is the explorer's part as its app drew it (with the
    /// session's overlays: recording badge, bookmarks, messages), else it is drawn from the state.
    public func render(into buffer: inout CellBuffer, explorerScreen: CellBuffer? = nil) {
        let mode = buffer.colorMode
        let narrationHeight = narrationRect?.height ?? 0
        if session.isPresenting && session.spatial == nil && !session.explorer.showsHelp {
            PresenterView(session: session).draw(into: &buffer, rect: buffer.area, narrationHeight: narrationHeight)
        } else if explorerHeight > 0 {
            let top: CellBuffer
            if let explorerScreen, explorerScreen.width == width, explorerScreen.height == explorerHeight {
                top = explorerScreen
            } else if let spatial = session.spatial {
                var drawn = CellBuffer(width: width, height: explorerHeight, colorMode: mode)
                SpatialExplorerFrame(state: spatial, width: width, height: explorerHeight).render(into: &drawn)
                top = drawn
            } else {
                var drawn = CellBuffer(width: width, height: explorerHeight, colorMode: mode)
                ExplorerFrame(state: session.explorer, width: width, height: explorerHeight, mode: mode).render(into: &drawn)
                top = drawn
            }
            for y in 0..<explorerHeight { for x in 0..<width { buffer[x, y] = top[x, y] } }
        }
        if let rect = viewRect {
            let layout = explorerLayout
            let heatmapX = layout?.heatmapX ?? ExplorerLayout.labelWidth + 4
            let window = layout?.timeWindow
                ?? TimeWindow(step: session.explorer.step, total: session.explorer.totalSteps, width: max(1, width - heatmapX - 1))
            switch session.view {
            case .gradient: GradientFlowPanel(session: session, heatmapX: heatmapX, window: window).draw(into: &buffer, rect: rect)
            case .whatif: WhatIfPanel(session: session, heatmapX: heatmapX, window: window).draw(into: &buffer, rect: rect)
            case .diagram, .explorer: CellDiagramView(state: session.explorer).draw(into: &buffer, rect: rect)
            }
        }
        if let rect = narrationRect {
            buffer.fill(rect, with: .blank)
            NarrationPanel(session: session).draw(into: &buffer, rect: rect)
        }
        if let point = highlightPoint(mode: mode) {
            buffer.put("▶", x: point.x, y: point.y, style: TeachingTheme.highlight)
        }
    }
}
