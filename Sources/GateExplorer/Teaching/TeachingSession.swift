import GateCanvas
import GateCore

/// Everything teaching mode adds to the explorer: the lesson and its current stop, what-if edits,
/// the teaching view, quiz and presenter modes, and what a classroom preset hides or disables.
/// It owns the screen it teaches on (bubbletea's nested models): the explorer session
/// (``ExplorerSessionApp``: recording, bookmarks, typing) or, on a ConvLSTM stop, the spatial screen
/// (``SpatialExplorerApp``); events it does not take go down to that child, and what it shows of
/// the explorer (cursor, unit, layer) is read from the child: there is one explorer state.
/// A value: tests build one, send keys, render.
public struct TeachingSession {
    /// The explorer session under the teaching views (a new one for each stop).
    public internal(set) var explorerSession: ExplorerSessionApp
    /// Makes where `r` saves for a stop's run (nil: `r` is not available).
    var makeSink: ((ExplorerRun) -> (any RecordingSink)?)?
    /// Recordings saved by earlier stops' sessions.
    var earlierRecordings: [String] = []
    /// Bookmarks of the stops left, by stop.
    var bookmarksByStop: [Int: [StepBookmark]] = [:]
    /// The lesson, or nil when teaching tools are used on a single demo.
    public let lesson: TeachingLesson?
    /// The current stop (0-based).
    public internal(set) var stopIndex: Int
    /// The run before any what-if edit (over a long input: its names and network, and the first window).
    public internal(set) var baseRun: ExplorerRun
    /// The rows of a long run before any what-if edit, computed window by window from checkpoints
    /// (nil when the run is held whole in ``baseRun``).
    public internal(set) var baseSource: CheckpointedRowSource?
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
    /// The ConvLSTM screen, when the current stop opens a ConvLSTM demo (then it is drawn above the
    /// narration instead of the explorer, and takes the keys the session does not).
    public internal(set) var spatialApp: SpatialExplorerApp?

    /// The explorer's state, as the explorer session holds it (on the edited run when there are edits).
    public var explorer: ExplorerState { explorerSession.state }

    /// The ConvLSTM screen's state, on a ConvLSTM stop.
    public var spatial: SpatialExplorerState? { spatialApp?.state }

    /// Paths of every recording saved in this session.
    public var savedRecordings: [String] { earlierRecordings + explorerSession.savedRecordings }

    /// A guided tour of `lesson`, opened at its first stop.
    public init(lesson: TeachingLesson, quiz: Bool = false, presenting: Bool = false,
                hiddenPanels: Set<String> = [], disabledKeys: Set<Key> = []) {
        let run = lesson.stops.first?.run
            ?? ExplorerRun(name: "empty", title: "empty", trace: NetworkTrace(input: Matrix(rows: 0, columns: 0), layers: []))
        self.init(lesson: lesson, run: run, source: nil, quiz: quiz, presenting: presenting, hiddenPanels: hiddenPanels,
                  disabledKeys: disabledKeys, palette: .standard)
        if !lesson.stops.isEmpty { open(stop: 0) }
    }

    /// Teaching tools on a single run, without a lesson; a long run's rows come from `source`
    /// window by window (then `run` holds its names, network and first window).
    public init(run: ExplorerRun, source: CheckpointedRowSource? = nil, quiz: Bool = false, presenting: Bool = false,
                hiddenPanels: Set<String> = [], disabledKeys: Set<Key> = [], palette: ExplorerPalette = .standard) {
        self.init(lesson: nil, run: run, source: source, quiz: quiz, presenting: presenting, hiddenPanels: hiddenPanels,
                  disabledKeys: disabledKeys, palette: palette)
    }

    /// The state both public initialisers start from: `run` in the explorer, no edits, no overlay.
    private init(lesson: TeachingLesson?, run: ExplorerRun, source: CheckpointedRowSource?, quiz: Bool, presenting: Bool,
                 hiddenPanels: Set<String>, disabledKeys: Set<Key>, palette: ExplorerPalette) {
        explorerSession = Self.explorerSession(on: run, source: source, palette: palette, lessonKeys: lesson != nil,
                                               disabledKeys: disabledKeys, sink: nil, bookmarks: [])
        self.lesson = lesson
        stopIndex = 0
        baseRun = run
        baseSource = source
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
        spatialApp = nil
    }

    /// An explorer session on `run` (rows from `source` for a long run) with the teaching keys in its help.
    static func explorerSession(on run: ExplorerRun, source: (any ExplorerRowSource)? = nil, palette: ExplorerPalette,
                                lessonKeys: Bool, disabledKeys: Set<Key>, sink: (any RecordingSink)?,
                                bookmarks: [StepBookmark]) -> ExplorerSessionApp {
        var run = run
        run.extraKeyHelp = TeachingKeyBinding.help(lesson: lessonKeys, disabled: disabledKeys)
        run.disabledKeys = disabledKeys
        return ExplorerSessionApp(run: run, source: source, palette: palette, recordingSink: sink, bookmarks: bookmarks)
    }

    /// Gives `r` somewhere to save: `makeSink` makes the sink for each stop's run.
    mutating func record(with makeSink: ((ExplorerRun) -> (any RecordingSink)?)?) {
        self.makeSink = makeSink
        explorerSession.recordingSink = makeSink?(explorerSession.base)
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
    /// The last stop's recording in progress is saved first, and its bookmarks kept for coming back.
    public mutating func open(stop index: Int) {
        guard let lesson, !lesson.stops.isEmpty else { return }
        explorerSession.finishRecording()
        let saved = explorerSession.message
        earlierRecordings += explorerSession.savedRecordings
        bookmarksByStop[stopIndex] = explorerSession.bookmarks
        stopIndex = min(max(0, index), lesson.stops.count - 1)
        let stop = lesson.stops[stopIndex]
        baseRun = stop.run
        baseSource = stop.makeSource?()
        twin = stop.twin
        edits = []
        showsAnswer = false
        message = nil
        quiz.pending = nil
        quiz.stopQuestion = nil
        let palette = explorer.palette, exact = explorer.showsExactNumbers
        spatialApp = stop.spatial.map { SpatialExplorerApp(state: Self.spatialState($0, stop: stop, palette: palette)) }
        // On the ConvLSTM screen ↑/↓ change the channel: a stop's question is not quizzed there (A shows the answer).
        if spatialApp == nil { quiz.ask(stop: stopIndex, question: stop.question) }
        var next = Self.explorerSession(on: stop.run, source: baseSource, palette: palette, lessonKeys: true,
                                        disabledKeys: disabledKeys, sink: makeSink?(stop.run),
                                        bookmarks: bookmarksByStop[stopIndex] ?? [])
        next.explorer.screen = explorerSession.explorer.screen
        next.explorer.state.show(stop: stop, exactNumbers: exact)
        // A long run holds its first window: the stop's step is one of the whole run.
        if baseSource != nil { next.jump(to: stop.step) }
        explorerSession = next
        highlight = stop.panel
        view = stop.view
        if let saved, saved.hasPrefix("saved") { message = saved }
        if !stop.interventions.isEmpty {
            edits = stop.interventions
            rerun(describing: "what-if edits: " + edits.map(\.label).joined(separator: "; "))
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
        if rerun(describing: "what-if: " + intervention.label) {
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
        rerun(describing: "undone: " + removed.label)
        message = "undone: " + removed.label
    }

    /// Re-runs the base run's network with the edits and shows the result in the explorer session
    /// (a recording in progress notes `edit`); false (with a message) when the network is unknown or
    /// refuses an edit. A long run is re-run lazily (``EditedCheckpointedRun``): only the windows
    /// looked at are computed, from the edited step on.
    @discardableResult
    mutating func rerun(describing edit: String) -> Bool {
        if let baseSource { return rerunLazily(over: baseSource, describing: edit) }
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
        explorerSession.replaceRun(run, describing: edit)
        return true
    }

    /// Hands `event` down to the screen the session teaches on (the explorer session, or the
    /// ConvLSTM screen on a ConvLSTM stop). Tab moves the stop's ▶ marker with the explorer's focus,
    /// so it always points at what c/C would clamp.
    public mutating func passDown(_ event: InputEvent) -> AppAction {
        if var app = spatialApp {
            let action = app.handle(event)
            spatialApp = app
            return action
        }
        let focus = explorer.focus
        let action = explorerSession.handle(event)
        if explorer.focus != focus {
            if case .panel(let index) = explorer.focus, index < explorer.panels.count {
                highlight = explorer.panels[index].word
            } else {
                highlight = nil
            }
        }
        return action
    }

    /// ``rerun(describing:)`` for a long run: the edited rows come from an ``EditedCheckpointedRun``
    /// over `base` (no edits: from `base` itself, as before the first edit).
    private mutating func rerunLazily(over base: CheckpointedRowSource, describing edit: String) -> Bool {
        guard !edits.isEmpty else {
            explorerSession.replaceRun(baseRun, source: base, describing: edit)
            return true
        }
        do {
            let edited = try EditedCheckpointedRun(base: base.run, interventions: edits)
            var run = baseRun
            run.network = edited.network
            explorerSession.replaceRun(run, source: ChunkedRowSource(run: edited, annotations: base.annotations),
                                       describing: edit)
            return true
        } catch {
            message = error.message
            return false
        }
    }

    /// The unedited run's rows of the window the explorer holds (row 0 is the window's first step),
    /// for views that set the edited run against the original.
    public var originalRows: NetworkTrace {
        let window = explorerSession.window
        if let baseSource, let rows = try? baseSource.rows(window) { return rows }
        guard window != 0..<baseRun.trace.steps else { return baseRun.trace }
        return baseRun.trace.rows(window.clamped(to: 0..<baseRun.trace.steps))
    }
}
