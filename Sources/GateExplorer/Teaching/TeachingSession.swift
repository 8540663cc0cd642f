import GateCanvas
import GateCore

/// Everything teaching mode adds to the explorer: the lesson and its current stop, what-if edits,
/// the teaching view, quiz and presenter modes, and what a classroom preset hides or disables.
/// A value: tests build one, send keys, render.
public struct TeachingSession: Sendable {
    /// The explorer's state (on the edited run when there are edits).
    public internal(set) var explorer: ExplorerState
    /// The lesson, or nil when teaching tools are used on a single demo.
    public let lesson: TeachingLesson?
    /// The current stop (0-based).
    public internal(set) var stopIndex: Int
    /// The run before any what-if edit.
    public internal(set) var baseRun: ExplorerRun
    /// The twin run plotted in the gradient view.
    public internal(set) var twin: ExplorerRun?
    /// What-if edits, oldest first (`u` removes the last).
    public internal(set) var edits: [Intervention]
    /// The teaching view shown.
    public internal(set) var view: TeachingView
    /// The panel word the stop highlights, if any.
    public internal(set) var highlight: String?
    /// Whether the stop's answer is shown.
    public internal(set) var showsAnswer: Bool
    /// Whether the whole narration is shown (`t`), even when that leaves no room for the explorer.
    public internal(set) var showsFullNarration: Bool = false
    /// Quiz mode.
    public internal(set) var quiz: QuizState
    /// Presenter mode: large glyphs, fewer panels, high contrast.
    public internal(set) var isPresenting: Bool
    /// Panels a classroom preset hides (see `ClassroomPreset.panelNames`).
    public internal(set) var hiddenPanels: Set<String>
    /// Keys a classroom preset disables.
    public internal(set) var disabledKeys: Set<Key>
    /// A one-line message for the teaching panel (an edit made, a key that cannot act here).
    public internal(set) var message: String?
    /// The ConvLSTM screen's state, when the current stop opens a ConvLSTM demo (then the spatial
    /// screen is drawn above the narration instead of the explorer, and takes the keys).
    public internal(set) var spatial: SpatialExplorerState?
    /// Bumped whenever the session replaces `explorer` (the app then rebuilds its explorer).
    public internal(set) var revision: Int

    /// A guided tour of `lesson`, opened at its first stop.
    public init(lesson: TeachingLesson, quiz: Bool = false, presenting: Bool = false,
                hiddenPanels: Set<String> = [], disabledKeys: Set<Key> = []) {
        let run = lesson.stops.first?.run
            ?? ExplorerRun(name: "empty", title: "empty", trace: NetworkTrace(input: Matrix(rows: 0, columns: 0), layers: []))
        self.init(lesson: lesson, run: run, quiz: quiz, presenting: presenting, hiddenPanels: hiddenPanels,
                  disabledKeys: disabledKeys, palette: .standard)
        if !lesson.stops.isEmpty { open(stop: 0) }
    }

    /// Teaching tools on a single run, without a lesson.
    public init(run: ExplorerRun, quiz: Bool = false, presenting: Bool = false,
                hiddenPanels: Set<String> = [], disabledKeys: Set<Key> = [], palette: ExplorerPalette = .standard) {
        self.init(lesson: nil, run: run, quiz: quiz, presenting: presenting, hiddenPanels: hiddenPanels,
                  disabledKeys: disabledKeys, palette: palette)
    }

    /// The state both public initialisers start from: `run` in the explorer, no edits, no overlay.
    private init(lesson: TeachingLesson?, run: ExplorerRun, quiz: Bool, presenting: Bool,
                 hiddenPanels: Set<String>, disabledKeys: Set<Key>, palette: ExplorerPalette) {
        explorer = ExplorerState(run: run, palette: palette)
        self.lesson = lesson
        stopIndex = 0
        baseRun = run
        twin = nil
        edits = []
        view = .explorer
        highlight = nil
        showsAnswer = false
        self.quiz = QuizState(isOn: quiz)
        isPresenting = presenting
        self.hiddenPanels = hiddenPanels
        self.disabledKeys = disabledKeys
        message = nil
        revision = 0
        spatial = nil
    }

    /// The current stop, in a lesson.
    public var stop: TeachingStop? {
        guard let lesson, stopIndex < lesson.stops.count else { return nil }
        return lesson.stops[stopIndex]
    }

    /// The teaching keys that act in this session, for the help overlay.
    public var keyHelp: [ExplorerKeyHelp] { TeachingKeyBinding.help(lesson: lesson != nil, disabled: disabledKeys) }

    /// Whether `panel` (a `ClassroomPreset.panelNames` word) is shown.
    public func shows(_ panel: String) -> Bool { !hiddenPanels.contains(panel) }

    /// Opens stop `index` (clamped): its run, step, layer, direction, unit, panel, view and edits.
    public mutating func open(stop index: Int) {
        guard let lesson, !lesson.stops.isEmpty else { return }
        stopIndex = min(max(0, index), lesson.stops.count - 1)
        let stop = lesson.stops[stopIndex]
        baseRun = stop.run
        twin = stop.twin
        edits = []
        showsAnswer = false
        message = nil
        quiz.pending = nil
        quiz.stopQuestion = nil
        spatial = stop.spatial.map { Self.spatialState($0, stop: stop, palette: explorer.palette) }
        // On the ConvLSTM screen ↑/↓ change the channel: a stop's question is not quizzed there (A shows the answer).
        if spatial == nil { quiz.ask(stop: stopIndex, question: stop.question) }
        var state = ExplorerState(run: stop.run, palette: explorer.palette)
        state.showsExactNumbers = explorer.showsExactNumbers
        if let position = stop.run.layerIndices.firstIndex(of: stop.layer) { state.layerPosition = position }
        if stop.isReverse, stop.run.trace.layer(stop.layer, reverse: true) != nil { state.isReverse = true }
        state.select(unit: stop.unit)
        state.move(to: stop.step)
        if let index = state.panels.firstIndex(where: { $0.word == stop.panel }) { state.focus = .panel(index) }
        explorer = state
        highlight = stop.panel
        view = stop.view
        revision += 1
        if !stop.interventions.isEmpty {
            edits = stop.interventions
            rerun()
            view = stop.view
        }
    }

    /// The spatial screen's state for a ConvLSTM stop: its step, layer, channel and pixel selected.
    static func spatialState(_ run: SpatialRun, stop: TeachingStop, palette: ExplorerPalette) -> SpatialExplorerState {
        var state = SpatialExplorerState(run: run, palette: palette)
        state.playback.step = min(max(0, stop.step), max(0, run.steps - 1))
        state.layer = min(max(0, stop.layer), max(0, run.shapes.count - 1))
        state.select(channel: stop.channel)
        state.select(pixelY: stop.pixelY ?? state.pixelY, pixelX: stop.pixelX ?? state.pixelX)
        state.emphasis = SpatialTile.Content(lessonWord: stop.panel)
        return state
    }

    /// Takes the spatial screen's state after it handled an event.
    mutating func adoptSpatial(_ state: SpatialExplorerState) {
        spatial = state
    }

    /// The panel a what-if edit or a quiz question acts on: the focused gate, else the cell's main gate.
    public var targetPanel: PanelKind? {
        let panels = explorer.panels
        if case .panel(let index) = explorer.focus, index < panels.count, !panels[index].isState { return panels[index] }
        switch explorer.layer.kind {
        case .lstm: return panels.first { $0.series == SeriesName.forgetGate }
        case .gru: return panels.first { $0.series == SeriesName.updateGate }
        case .rnnTanh, .rnnRelu: return nil
        }
    }

    /// Adds a what-if edit and re-runs; a message says what happened or why not.
    public mutating func edit(_ intervention: Intervention) {
        edits.append(intervention)
        if rerun() {
            message = intervention.label + " · u undoes"
            if !isPresenting { view = .whatif }
        } else {
            edits.removeLast()
        }
    }

    /// Removes the last edit.
    public mutating func undo() {
        guard !edits.isEmpty else { message = "nothing to undo"; return }
        let removed = edits.removeLast()
        rerun()
        message = "undone: " + removed.label
    }

    /// Re-runs the base run's network with the edits and shows the result; false (with a message)
    /// when the network is unknown or refuses an edit.
    @discardableResult
    mutating func rerun() -> Bool {
        var run = baseRun
        if !edits.isEmpty {
            guard let network = baseRun.network else { message = "what-if needs the model's weights (this run is a replayed trace)"; return false }
            do {
                run.trace = try network.run(baseRun.trace.input, tokens: baseRun.trace.tokens, interventions: edits,
                                            reusing: baseRun.trace)
                run.network = network.applyingBiasShifts(edits)
            } catch {
                message = error.message
                return false
            }
        }
        explorer = Self.carry(explorer, to: run)
        revision += 1
        return true
    }

    /// `old`'s cursor, selection and display choices on a new run.
    static func carry(_ old: ExplorerState, to run: ExplorerRun) -> ExplorerState {
        var state = ExplorerState(run: run, palette: old.palette)
        state.layerPosition = old.layerPosition
        state.isReverse = old.isReverse
        state.sortOrder = old.sortOrder
        state.focus = old.focus
        state.showsExactNumbers = old.showsExactNumbers
        state.showsDiagram = old.showsDiagram
        state.revealsAllSteps = old.revealsAllSteps
        state.valueScaling = old.valueScaling
        state.inspectorChoice = old.inspectorChoice
        state.select(unit: old.selectedUnit)
        state.move(to: old.step)
        return state
    }

    /// Takes the view of `state` (the explorer's, after it handled an event) at `step` of the run:
    /// cursor, layer, direction, unit, sort, focus, playback and overlays; the run stays this session's.
    mutating func adoptView(of state: ExplorerState, step: Int) {
        // Tab moves the stop's ▶ marker with the focus: it always points at what c/C would clamp.
        if state.focus != explorer.focus {
            if case .panel(let index) = state.focus, index < explorer.panels.count {
                highlight = explorer.panels[index].word
            } else {
                highlight = nil
            }
        }
        explorer.layerPosition = min(state.layerPosition, max(0, explorer.run.layerIndices.count - 1))
        explorer.isReverse = state.isReverse
        explorer.selectedUnit = state.selectedUnit
        explorer.sortOrder = state.sortOrder
        explorer.focus = state.focus
        explorer.isPlaying = state.isPlaying
        explorer.speedIndex = state.speedIndex
        explorer.showsHelp = state.showsHelp
        explorer.inspectorChoice = state.inspectorChoice
        explorer.showsExactNumbers = state.showsExactNumbers
        explorer.showsDiagram = state.showsDiagram
        explorer.palette = state.palette
        explorer.inspectorScroll = state.inspectorScroll
        explorer.revealsAllSteps = state.revealsAllSteps
        explorer.valueScaling = state.valueScaling
        explorer.goTo = state.goTo
        explorer.showsAllLayers = state.showsAllLayers
        explorer.select(unit: state.selectedUnit)
        explorer.move(to: step)
    }
}
