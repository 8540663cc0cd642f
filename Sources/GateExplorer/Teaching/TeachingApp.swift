import GateCanvas
import GateCore

/// Teaching mode as a terminal app: the teaching session (``TeachingSession``) and the screen it
/// owns — the explorer session (``ExplorerSessionApp``: recording `r`, bookmarks, typing), or the
/// ConvLSTM screen (``SpatialExplorerApp``) on a ConvLSTM stop. Teaching keys are handled first
/// (unless the explorer session is taking keys for a note or typing); every other event goes down
/// to the session's screen, which draws in the upper part of the screen and is told its own size
/// (the rows the teaching views leave it) by resize events. What-if edits reach the explorer
/// session through ``ExplorerSessionApp/replaceRun(_:describing:)``, so a recording holds the
/// edited values and notes each edit; `?` lists the teaching keys with the explorer's.
public struct TeachingApp: TerminalApp {
    /// Makes the recording sink for a run (nil: `r` is not available).
    public typealias RecordingSinkMaker = (ExplorerRun) -> (any RecordingSink)?

    /// The teaching state, with the screen it owns.
    public private(set) var session: TeachingSession
    /// The whole terminal, as the events told it.
    private var screen = ScreenGeometry()

    /// A teaching app on `session`; `recordingSink` makes where `r` saves for each stop's run.
    public init(session: TeachingSession, recordingSink: RecordingSinkMaker? = nil) {
        self.session = session
        self.session.record(with: recordingSink)
        resizeChild()
    }

    /// The explorer session under the teaching views.
    public var explorer: ExplorerSessionApp { session.explorerSession }

    /// The ConvLSTM screen, while the stop is a ConvLSTM stop.
    public var spatialApp: SpatialExplorerApp? { session.spatialApp }

    /// Paths of every recording saved in this session.
    public var savedRecordings: [String] { session.savedRecordings }

    public var tickInterval: Duration? {
        if let spatialApp { return spatialApp.tickInterval }
        return session.quiz.isWaiting ? nil : explorer.tickInterval
    }

    public var minimumSize: (width: Int, height: Int) { ExplorerLayout.minimumSize }

    public mutating func begin(colorMode: ColorMode) {
        screen.colorMode = colorMode
        session.explorerSession.begin(colorMode: colorMode)
    }

    public mutating func handle(_ event: InputEvent) -> AppAction {
        defer { resizeChild() }
        switch event {
        case .resize:
            screen.update(with: event)
            return .continue
        case .key(let key) where session.spatialApp != nil || !explorer.capturesKeys:
            let wasRecording = explorer.recording != nil
            if let action = session.handle(key) { return action }
            if key == .character("r") && !wasRecording {
                let action = session.passDown(event)
                if explorer.recording != nil, !session.edits.isEmpty {
                    session.explorerSession.recording?.noteEdit("what-if edits in place: " + session.edits.map(\.label).joined(separator: "; "))
                }
                return action
            }
        case .tick where session.spatialApp == nil && session.quiz.isOn && session.explorer.isPlaying:
            // Playback in quiz mode would skip the questions: pause instead.
            return session.passDown(.key(.character(" ")))
        default:
            break
        }
        return session.passDown(event)
    }

    /// Tells the screen the session owns its size when it changed: the terminal less the rows the
    /// teaching views and the narration take (the whole terminal when a teaching view replaces it).
    private mutating func resizeChild() {
        let frame = TeachingFrame(session: session, width: screen.width, height: screen.height)
        let height = frame.explorerHeight > 0 ? frame.explorerHeight : screen.height
        let current = session.spatialApp?.screen ?? explorer.explorer.screen
        if current.width != screen.width || current.height != height {
            _ = session.passDown(.resize(width: screen.width, height: height))
        }
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
        session.explorerSession.interrupted(bySignal: signal)
    }
}
