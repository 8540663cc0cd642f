import GateCanvas
/// Where everything goes for one state and terminal size: a pure function of both, so the
/// renderer and the mouse hit-testing always agree.
public struct ExplorerLayout: Sendable, Equatable {
    /// Columns of the label column (panel names).
    public static let labelWidth = 12
    /// Terminal width at which the inspector sits beside the panels.
    public static let sideInspectorMinimumWidth = 110
    /// The smallest terminal the explorer draws in.
    public static let minimumSize = (width: 60, height: 18)
    /// Annotation tracks drawn at most (one below 30 rows).
    public static let maximumAnnotationRows = 3

    /// Terminal size.
    public var width: Int
    /// Terminal size.
    public var height: Int
    /// Units per text row: 2 with half blocks, 1 in monochrome (shade glyphs).
    public var unitsPerRow: Int
    /// Whether each heatmap row is labelled with both its units ("12,5"): half blocks in a sorted
    /// order, where the lower unit is not simply the next one.
    public var pairsUnitLabels: Bool
    /// Text rows per panel.
    public var rowsPerPanel: Int
    /// The status line.
    public var status: Rect
    /// The input along the time axis.
    public var input: Rect
    /// The head's prediction along the time axis, when there is room and a head.
    public var output: Rect?
    /// The annotation tracks' rows (one per track shown), under the input and output rows.
    public var annotations: Rect?
    /// Gate panels, then the time axis, then the belt panels.
    public var panels: [PanelPlacement]
    /// The row under the gate panels: units in view and the cursor mark.
    public var axis: Rect
    /// The belt's title row (with the colour legend when there is room).
    public var beltTitle: Rect
    /// The per-step arithmetic of the belt.
    public var beltStep: Rect
    /// A legend row, when there is room for one of its own.
    public var legend: Rect?
    /// The key hints at the bottom.
    public var hints: Rect
    /// The inspector.
    public var inspector: InspectorPlacement
    /// Panels left out for lack of room (their words, for a notice).
    public var droppedPanels: [String]
    /// The time window of the heatmaps.
    public var timeWindow: TimeWindow
    /// Display positions (into `unitOrder`) of the units in view.
    public var unitsInView: Range<Int>
    /// Left edge of the heatmaps (all panels share it).
    public var heatmapX: Int
    /// Width of the heatmaps.
    public var heatmapWidth: Int

    /// Lays out `state` on a `width` × `height` terminal in `colorMode`.
    public init(state: ExplorerState, width: Int, height: Int, colorMode: ColorMode) {
        self.width = width
        self.height = height
        unitsPerRow = colorMode == .monochrome ? 1 : 2
        let kinds = state.panels
        let unitCount = max(1, state.unitCount)
        let digits = String(unitCount).count
        pairsUnitLabels = unitsPerRow == 2 && state.sortOrder != .index
        let gutterWidth = pairsUnitLabels ? 2 * digits + 3 : max(3, digits + 1) + 1   // a space after the label column
        heatmapX = Self.labelWidth + gutterWidth

        // Inspector: beside at wide terminals unless switched off; else under the panels when there is
        // room (decided below), or over them on request.
        var inspector: InspectorPlacement = .hidden
        var contentWidth = width
        if width >= Self.sideInspectorMinimumWidth && state.inspectorChoice != false {
            var inspectorWidth = min(64, max(44, width / 3))
            // Short runs leave the heatmaps half empty: give the inspector the room.
            let contentNeeded = max(heatmapX + state.totalSteps + 2, 80)
            let spare = width - inspectorWidth - 1 - contentNeeded
            if spare > 0 { inspectorWidth = min(64, inspectorWidth + spare) }
            inspector = .side(Rect(x: width - inspectorWidth, y: 1, width: inspectorWidth, height: height - 2))
            contentWidth = width - inspectorWidth - 1
        }
        heatmapWidth = max(1, contentWidth - heatmapX - 1)
        timeWindow = TimeWindow(step: state.step, total: state.totalSteps, width: heatmapWidth)

        // Rows: status, input, annotation tracks, gate panels, axis, belt title, belt panels, belt
        // step, hints.
        let fixed = 6
        let tracks = min(state.run.trace.annotations.count, height >= 30 ? ExplorerLayout.maximumAnnotationRows : 1)
        let available = max(0, height - fixed - tracks)
        let rowsNeeded = (unitCount + unitsPerRow - 1) / unitsPerRow
        var shown = Array(kinds.indices)
        let dropOrder = kinds.count == 6 ? [5, 3, 2, 1] : (kinds.count == 4 ? [3, 2] : [])
        var dropped: [String] = []
        for index in dropOrder where available / max(1, shown.count) < 1 && shown.count > 1 {
            shown.removeAll { $0 == index }
            dropped.append(kinds[index].title)
        }
        rowsPerPanel = max(1, min(rowsNeeded, available / max(1, shown.count)))
        droppedPanels = dropped
        var spare = available - rowsPerPanel * shown.count

        // A few numeric features each get a row when there is room, before the head's row (the adding
        // problem's marker is the whole story, and it is the second feature).
        let features = state.run.hasTextInput ? 1 : min(state.run.trace.input.columns, ExplorerRun.maximumInputRows)
        // With no row to spare, panels of three or more text rows give one up each so the second
        // feature shows (two rows a panel are kept: fewer would hide more units than the row shows).
        if features > 1, spare < 1, rowsPerPanel > 2, !state.showsDiagram {
            rowsPerPanel -= 1
            spare += shown.count
        }
        // Under the cell diagram (which replaces the panels) every feature gets its row.
        let extraInputRows = state.showsDiagram ? max(0, features - 1) : max(0, min(features - 1, spare))
        spare -= extraInputRows
        let hasHead = state.run.trace.output != nil
        let wantsOutput = hasHead && spare >= 1
        if wantsOutput { spare -= 1 }
        let wantsLegend = spare >= 1
        if wantsLegend { spare -= 1 }
        let unitsShown = min(unitCount, rowsPerPanel * unitsPerRow)
        let beltExtra = min(spare, unitsShown + 1)
        spare -= beltExtra

        if case .hidden = inspector, state.inspectorChoice != false, spare >= 10 {
            inspector = .below(Rect(x: 0, y: 0, width: width, height: spare))
        }

        var y = 0
        status = Rect(x: 0, y: y, width: width, height: 1); y += 1
        input = Rect(x: 0, y: y, width: contentWidth, height: 1 + extraInputRows); y += 1 + extraInputRows
        if wantsOutput {
            output = Rect(x: 0, y: y, width: contentWidth, height: 1); y += 1
        } else {
            output = nil
        }
        if tracks > 0 {
            annotations = Rect(x: 0, y: y, width: contentWidth, height: tracks); y += tracks
        } else {
            annotations = nil
        }
        var placements: [PanelPlacement] = []
        let panelRows = rowsPerPanel, heatX = heatmapX, heatWidth = heatmapWidth
        func place(_ index: Int) {
            placements.append(PanelPlacement(
                index: index, kind: kinds[index],
                label: Rect(x: 0, y: y, width: Self.labelWidth, height: panelRows),
                gutter: Rect(x: Self.labelWidth, y: y, width: gutterWidth, height: panelRows),
                heatmap: Rect(x: heatX, y: y, width: heatWidth, height: panelRows)))
            y += panelRows
        }
        for index in shown where !kinds[index].isState { place(index) }
        axis = Rect(x: 0, y: y, width: contentWidth, height: 1); y += 1
        beltTitle = Rect(x: 0, y: y, width: contentWidth, height: 1); y += 1
        for index in shown where kinds[index].isState { place(index) }
        panels = placements
        beltStep = Rect(x: 0, y: y, width: contentWidth, height: 1 + beltExtra); y += 1 + beltExtra
        if wantsLegend {
            legend = Rect(x: 0, y: y, width: contentWidth, height: 1); y += 1
        } else {
            legend = nil
        }
        if case .below(let r) = inspector {
            inspector = .below(Rect(x: 0, y: y, width: width, height: r.height))
            y += r.height
        }
        hints = Rect(x: 0, y: height - 1, width: width, height: 1)
        if case .hidden = inspector, state.inspectorChoice == true {
            let overlayWidth = min(width - 2, max(46, min(64, width - heatmapX - 20)))
            inspector = .overlay(Rect(x: width - overlayWidth, y: 1, width: overlayWidth, height: height - 2))
        }
        self.inspector = inspector

        let perPage = rowsPerPanel * unitsPerRow
        let position = state.unitOrder.firstIndex(of: state.selectedUnit) ?? 0
        let first = (position / perPage) * perPage
        unitsInView = first ..< min(state.unitCount, first + perPage)
    }

    /// Units shown at once.
    public var unitsPerPage: Int { rowsPerPanel * unitsPerRow }

    /// The viewport commands need.
    public func viewport(state: ExplorerState, inspectorLines: Int) -> ExplorerViewport {
        var targets = panels.map { ExplorerFocus.panel($0.index) }
        if let rect = inspector.rect {
            targets.append(.inspector)
            return ExplorerViewport(unitsPerPage: unitsPerPage, focusTargets: targets,
                                    inspectorScrollLimit: inspectorLines - rect.height + 1)
        }
        return ExplorerViewport(unitsPerPage: unitsPerPage, focusTargets: targets)
    }

    /// The step and unit under a heatmap cell, if (x, y) is on one; for half blocks, the upper unit
    /// (or the lower one when the upper is `preferLowerAfter`).
    public func hit(x: Int, y: Int, state: ExplorerState) -> (step: Int, unit: Int, panel: Int)? {
        if let rect = inspector.rect, rect.contains(x: x, y: y) { return nil }
        for placement in panels where placement.heatmap.contains(x: x, y: y) {
            let step = timeWindow.start + (x - placement.heatmap.x)
            guard step < state.totalSteps else { return nil }
            let order = state.unitOrder
            let upper = unitsInView.lowerBound + (y - placement.heatmap.y) * unitsPerRow
            guard upper < unitsInView.upperBound else { return nil }
            var position = upper
            if unitsPerRow == 2, order[upper] == state.selectedUnit, upper + 1 < unitsInView.upperBound {
                position = upper + 1
            }
            return (step, order[position], placement.index)
        }
        return nil
    }
}
