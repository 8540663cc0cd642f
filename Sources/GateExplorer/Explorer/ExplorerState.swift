import GateCanvas
import GateCore

/// Everything the explorer screen depends on besides the terminal size: the run, where the cursor
/// is, what is selected and how things are shown. A value: tests build one, apply commands, render.
public struct ExplorerState: Sendable {
    /// The rows of the run held now: the whole run, or a window of a long one (`run.stepOffset`
    /// is its first step); the app that owns the state reads new rows when the cursor leaves them.
    public private(set) var run: ExplorerRun
    /// The cursor (a step of the whole run, 0-based), play or pause and the speed.
    public internal(set) var playback: Playback
    /// Position in `run.layerIndices` of the layer shown.
    public internal(set) var layerPosition: Int
    /// Whether the reverse direction is shown (bidirectional models).
    public internal(set) var isReverse: Bool
    /// The selected unit (0-based index in the tensors; shown numbered from 1).
    public internal(set) var selectedUnit: Int
    /// How units are ordered in the panels.
    public internal(set) var sortOrder: UnitSortOrder
    /// What Up/Down act on.
    public internal(set) var focus: ExplorerFocus
    /// Whether the run is still growing (live input, typing): play at its last step waits there for
    /// the next step instead of starting again. Set by the session that feeds the run.
    public internal(set) var isGrowing = false
    /// Whether the help overlay is open.
    public internal(set) var showsHelp: Bool
    /// The person's choice for the inspector; nil lets the layout decide by terminal size.
    public internal(set) var inspectorChoice: Bool?
    /// Whether numbers show 6 decimals instead of 2.
    public internal(set) var showsExactNumbers: Bool
    /// Whether the live cell diagram replaces the panels (`D`).
    public internal(set) var showsDiagram = false
    /// The colour scales in use.
    public internal(set) var palette: ExplorerPalette
    /// First inspector line shown (when the inspector has the focus and more lines than fit).
    public internal(set) var inspectorScroll: Int
    /// Whether every step is drawn, not only those the network has read so far.
    public internal(set) var revealsAllSteps: Bool
    /// Whether every layer and direction is shown as one band each (`A`), instead of one layer in full.
    public internal(set) var showsAllLayers = false
    /// What each band of the all-layers view draws (`v` cycles: belt, keeping gate, writing gate, output gate).
    public internal(set) var bandContent = BandContent.belt
    /// How signed values are coloured: each unit on its own range, or one range for the series (`S`).
    public internal(set) var valueScaling = ValueScaling.perUnit
    /// The `:` prompt while it is open.
    public internal(set) var goTo: GoToPrompt?
    /// What rows still being computed in the background wait for, with progress (their values are NaN
    /// meanwhile, and the inspector and belt say so instead of showing them); nil when nothing waits.
    public internal(set) var pendingNote: String?
    /// Statistics per layer trace, keyed by `LayerTrace.key`.
    private(set) var statistics: [String: UnitStatistics]
    /// Each unit's response (hidden state) to each input token, per layer trace (text input only).
    private(set) var tokenScores: [String: [[KeyScore]?]]
    /// The token whose response orders the units (set from the `u` list), overriding `sortOrder`.
    public internal(set) var tokenSort: Int?

    /// A state at the first step, with the run's suggested unit selected.
    public init(run: ExplorerRun, palette: ExplorerPalette = .standard) {
        self.run = run
        playback = Playback(speedIndex: 3)
        layerPosition = 0
        isReverse = false
        sortOrder = .index
        focus = .panel(0)
        showsHelp = false
        inspectorChoice = nil
        showsExactNumbers = false
        self.palette = palette
        inspectorScroll = 0
        revealsAllSteps = false
        statistics = Self.statistics(of: run)
        tokenScores = Self.tokenScores(of: run)
        playback.seek(to: run.stepOffset, total: run.shownTotalSteps)
        let units = run.trace.layers.first?.hiddenSize ?? 0
        selectedUnit = min(max(0, run.suggestedUnit ?? 0), max(0, units - 1))
    }

    /// Number of rows held (the whole run's steps unless it is held a window at a time).
    public var totalSteps: Int { run.steps }

    /// Steps in the whole run.
    public var runSteps: Int { run.shownTotalSteps }

    /// The cursor's row in the rows held, 0-based (shown as t = run.stepNumber(step)).
    public var step: Int { min(max(0, playback.step - run.stepOffset), max(0, totalSteps - 1)) }

    /// Whether playback runs.
    public var isPlaying: Bool { playback.isPlaying }

    /// Steps per second while playing.
    public var speed: Int { playback.speed }

    /// Statistics of every layer trace of `run`, keyed by `LayerTrace.key`.
    static func statistics(of run: ExplorerRun) -> [String: UnitStatistics] {
        var statistics: [String: UnitStatistics] = [:]
        for layer in run.trace.layers { statistics[layer.key] = UnitStatistics(layer: layer) }
        return statistics
    }

    /// Shows other rows of the run (another window, the run grown, or edited by a what-if): the
    /// cursor, layer, unit and every display choice stay, clamped to what `rows` has.
    public mutating func replaceRows(with rows: ExplorerRun) {
        run = rows
        statistics = Self.statistics(of: rows)
        tokenScores = Self.tokenScores(of: rows)
        layerPosition = min(layerPosition, max(0, rows.layerIndices.count - 1))
        if isReverse && rows.trace.layer(layerIndex, reverse: true) == nil { isReverse = false }
        clampSelection()
        if case .panel(let index) = focus, index >= panels.count { focus = .panel(0) }
        playback.seek(to: playback.step, total: runSteps)
    }

    /// The layer index (0 at the bottom) shown.
    public var layerIndex: Int {
        let indices = run.layerIndices
        return indices.isEmpty ? 0 : indices[min(layerPosition, indices.count - 1)]
    }

    /// The layer trace shown, in the chosen direction (the only one for a one-direction layer).
    public var layer: LayerTrace {
        run.trace.layer(layerIndex, reverse: isReverse)
            ?? run.trace.layer(layerIndex, reverse: !isReverse)
            ?? run.trace.layers.first
            ?? LayerTrace(layer: 0, isReverse: false, kind: run.kind, series: [:])
    }

    /// Statistics of the layer shown.
    public var layerStatistics: UnitStatistics {
        statistics[layer.key] ?? UnitStatistics(layer: layer)
    }

    /// Hidden units of the layer shown.
    public var unitCount: Int { layer.hiddenSize }

    /// The panels of the layer shown.
    public var panels: [PanelKind] { PanelKind.panels(for: layer.kind) }

    /// Unit indices in display order.
    public var unitOrder: [Int] {
        if let tokenSort, let scores = tokenScores[layer.key], tokenSort < scores.count, let byUnit = scores[tokenSort] {
            return Array(0..<unitCount).sorted { a, b in
                let sa = a < byUnit.count ? abs(byUnit[a].score) : 0, sb = b < byUnit.count ? abs(byUnit[b].score) : 0
                return sa != sb ? sa > sb : a < b
            }
        }
        return sortOrder.arrange(layerStatistics)
    }

    /// The layer's weights, when the network is known.
    public var weights: CellWeights? {
        guard let network = run.network, layerIndex < network.layers.count else { return nil }
        let directions = network.layers[layerIndex]
        let direction = isReverse ? 1 : 0
        return direction < directions.count ? directions[direction] : nil
    }

    /// Decimals shown in numbers.
    public var decimals: Int { showsExactNumbers ? 6 : 2 }
}
