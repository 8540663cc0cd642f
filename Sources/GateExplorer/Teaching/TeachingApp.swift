/// Teaching mode as a terminal app: the explorer with lessons, the gradient-flow and what-if views,
/// quiz and presenter modes on top. Teaching keys are handled first; every other event goes to the
/// explorer, which draws in the upper part of the screen.
public struct TeachingApp: TerminalApp {
    /// The teaching state.
    public private(set) var session: TeachingSession
    private var explorer: ExplorerApp
    private var revision: Int

    /// A teaching app on `session`.
    public init(session: TeachingSession) {
        self.session = session
        explorer = ExplorerApp(state: session.explorer)
        revision = session.revision
    }

    public var tickInterval: Duration? { session.quiz.pending == nil ? explorer.tickInterval : nil }

    public var minimumSize: (width: Int, height: Int) { ExplorerLayout.minimumSize }

    public mutating func handle(_ event: InputEvent) -> AppAction {
        if case .key(let key) = event, let action = session.handle(key) {
            sync()
            return action
        }
        if case .tick = event, session.quiz.isOn {
            // Playback in quiz mode would skip the questions: pause instead.
            if session.explorer.isPlaying { _ = explorer.handle(.key(.character(" "))) }
            session.adopt(explorer.state)
            return .continue
        }
        let action = explorer.handle(event)
        session.adopt(explorer.state)
        return action
    }

    public func render(into buffer: inout CellBuffer) {
        let frame = TeachingFrame(session: session, width: buffer.width, height: buffer.height)
        if frame.explorerHeight > 0 {
            // Keep the explorer's idea of its screen (page sizes, mouse) in step with its part of ours.
            var top = CellBuffer(width: buffer.width, height: frame.explorerHeight, colorMode: buffer.colorMode)
            explorer.render(into: &top)
        }
        frame.render(into: &buffer)
    }

    private mutating func sync() {
        guard session.revision != revision else { return }
        revision = session.revision
        explorer = ExplorerApp(state: session.explorer)
    }
}
