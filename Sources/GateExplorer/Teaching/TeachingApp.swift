import GateCanvas
import GateCore

/// Teaching mode as a terminal app: the explorer session (``ExplorerSessionApp``: recording `r`,
/// bookmarks, typing) with lessons, the gradient-flow and what-if views, quiz and presenter modes on
/// top. Teaching keys are handled first (unless the session is taking keys for a note or typing);
/// every other event goes to the session, which draws in the upper part of the screen. What-if edits
/// reach the session through ``ExplorerSessionApp/replaceRun(_:describing:)``, so a recording holds
/// the edited values and notes each edit; `?` lists the teaching keys with the explorer's.
/// A ConvLSTM stop draws the spatial screen (``SpatialExplorerApp``) above the narration instead,
/// and every key the teaching session does not take goes to it.
public struct TeachingApp: TerminalApp {
    /// Makes the recording sink for a run (nil: `r` is not available).
    public typealias RecordingSinkMaker = (ExplorerRun) -> (any RecordingSink)?

    /// The teaching state.
    public private(set) var session: TeachingSession
    /// The explorer session under the teaching views (rebuilt when a lesson moves to another stop).
    public private(set) var explorer: ExplorerSessionApp
    /// Recordings saved by earlier stops' sessions.
    private var earlierRecordings: [String]
    /// Bookmarks of the stops left, by stop.
    private var bookmarksByStop: [Int: [SessionBookmark]]
    private let makeSink: RecordingSinkMaker?
    private var revision: Int
    private var stopIndex: Int
    private var edits: [Intervention]
    /// The ConvLSTM screen, while the stop is a ConvLSTM stop.
    public private(set) var spatialApp: SpatialExplorerApp?

    /// A teaching app on `session`; `recordingSink` makes where `r` saves for each stop's run.
    public init(session: TeachingSession, recordingSink: RecordingSinkMaker? = nil) {
        self.session = session
        makeSink = recordingSink
        earlierRecordings = []
        bookmarksByStop = [:]
        revision = session.revision
        stopIndex = session.stopIndex
        edits = session.edits
        explorer = Self.makeExplorer(session, sink: recordingSink, bookmarks: [])
        spatialApp = session.spatial.map { SpatialExplorerApp(state: $0) }
    }

    /// Paths of every recording saved in this session.
    public var savedRecordings: [String] { earlierRecordings + explorer.savedRecordings }

    public var tickInterval: Duration? {
        if let spatialApp { return spatialApp.tickInterval }
        return session.quiz.isWaiting ? nil : explorer.tickInterval
    }

    public var minimumSize: (width: Int, height: Int) { ExplorerLayout.minimumSize }

    public mutating func handle(_ event: InputEvent) -> AppAction {
        if spatialApp != nil { return handleSpatial(event) }
        if case .key(let key) = event, !explorer.capturesKeys {
            let wasRecording = explorer.recording != nil
            if let action = session.handle(key) {
                sync()
                return action
            }
            if key == .character("r") && !wasRecording {
                let action = explorer.handle(event)
                if explorer.recording != nil, !session.edits.isEmpty {
                    explorer.recording?.noteEdit("what-if edits in place: " + session.edits.map(\.label).joined(separator: "; "))
                }
                return action
            }
        }
        if case .tick = event, session.quiz.isOn, session.explorer.isPlaying {
            // Playback in quiz mode would skip the questions: pause instead.
            _ = explorer.handle(.key(.character(" ")))
            session.adoptView(of: explorer.state, step: explorer.step)
            return .continue
        }
        let action = explorer.handle(event)
        session.adoptView(of: explorer.state, step: explorer.step)
        return action
    }

    /// An event on a ConvLSTM stop: teaching keys first, the rest to the spatial screen.
    private mutating func handleSpatial(_ event: InputEvent) -> AppAction {
        if case .key(let key) = event, let action = session.handle(key) {
            sync()
            return action
        }
        guard var app = spatialApp else { return .continue }
        if case .resize(let width, let height) = event {
            let frame = TeachingFrame(session: session, width: width, height: height)
            _ = app.handle(.resize(width: width, height: frame.explorerHeight))
            spatialApp = app
            return .continue
        }
        let action = app.handle(event)
        spatialApp = app
        session.adoptSpatial(app.state)
        return action
    }

    public func render(into buffer: inout CellBuffer) {
        let frame = TeachingFrame(session: session, width: buffer.width, height: buffer.height)
        if let spatialApp {
            var screen = CellBuffer(width: buffer.width, height: frame.explorerHeight, colorMode: buffer.colorMode)
            if frame.explorerHeight > 0 { spatialApp.render(into: &screen) }
            frame.render(into: &buffer, explorerScreen: screen)
            return
        }
        var top: CellBuffer?
        if frame.explorerHeight > 0 && (!session.isPresenting || session.explorer.showsHelp) {
            var screen = CellBuffer(width: buffer.width, height: frame.explorerHeight, colorMode: buffer.colorMode)
            explorer.render(into: &screen)
            top = screen
        }
        frame.render(into: &buffer, explorerScreen: top)
        if top == nil, let recording = explorer.recording {
            let badge = " ● REC \(recording.steps) "
            buffer.put(badge, x: max(0, buffer.width - badge.count - 1), y: 0, style: ExplorerSessionApp.recordingStyle)
        }
    }

    /// A signal (Ctrl-C, SIGTERM, SIGHUP) ends the lesson: the recording in progress is saved, as on quit.
    public mutating func interrupted(bySignal signal: Int32) {
        explorer.interrupted(bySignal: signal)
    }

    /// Brings the explorer session up to date with the teaching session after a teaching key: another
    /// stop opens a new session (the recording in progress is saved first), an edit replaces the run,
    /// and the cursor and view follow.
    private mutating func sync() {
        guard session.revision != revision else { return }
        revision = session.revision
        if session.stopIndex != stopIndex {
            explorer.finishRecording()
            let saved = explorer.message
            earlierRecordings += explorer.savedRecordings
            bookmarksByStop[stopIndex] = explorer.bookmarks
            stopIndex = session.stopIndex
            edits = session.edits
            explorer = Self.makeExplorer(session, sink: makeSink, bookmarks: bookmarksByStop[stopIndex] ?? [])
            spatialApp = session.spatial.map { SpatialExplorerApp(state: $0) }
            if let saved, saved.hasPrefix("saved") { session.message = saved }
            return
        }
        if session.edits != edits {
            let description: String
            if session.edits.count > edits.count, let added = session.edits.last {
                description = "what-if: " + added.label
            } else if session.edits.count < edits.count, let removed = edits.last {
                description = "undone: " + removed.label
            } else {
                description = "what-if edits: " + session.edits.map(\.label).joined(separator: "; ")
            }
            edits = session.edits
            explorer.replaceRun(session.explorer.run, describing: description)
        }
        explorer.adoptView(of: session.explorer)
    }

    /// An explorer session on the session's run (with the teaching keys in its help).
    private static func makeExplorer(_ session: TeachingSession, sink: RecordingSinkMaker?,
                                     bookmarks: [SessionBookmark]) -> ExplorerSessionApp {
        var run = session.explorer.run
        run.extraKeyHelp = session.keyHelp
        run.disabledKeys = session.disabledKeys
        var app = ExplorerSessionApp(run: run, palette: session.explorer.palette, recordingSink: sink?(run), bookmarks: bookmarks)
        app.adoptView(of: session.explorer)
        return app
    }
}
