import GateCanvas
import GateCore

/// The explorer with recording, bookmarks, live input, typing and long runs: what `gatescope explore`
/// and `gatescope replay` run. It owns the explorer (``ExplorerApp``), whose cursor is a step of the
/// whole run, passes it every event it does not take itself, and then gives it the rows
/// (``StepWindowPlan``) for where its cursor went. It adds its own keys:
///
/// - `r` records what is stepped (``SessionRecording``), saved through the ``RecordingSink`` on the
///   next `r` or on quit; `● REC` shows in the status line while recording.
/// - `b` bookmarks the current step (a one-line note prompt; `b` on a bookmark removes it), `'` / `"`
///   jump to the next / previous bookmark, `B` lists them; saved through the ``BookmarkStore``.
/// - `T` types characters into a character model (each one a new step); Esc leaves.
/// - `<` / `>` move a screen of steps back / forward.
/// - Live input: lines from a ``LiveRowFeed`` are appended as they arrive; the cursor follows the
///   newest step unless the person has stepped back (End or `G` follows again). Every step stays in
///   reach with flat memory (``LiveRun``: the newest steps held, older ones recomputed from checkpoints).
public struct ExplorerSessionApp: TerminalApp {
    /// The explorer on the window of the run held now.
    public internal(set) var explorer: ExplorerApp
    /// The template run: names, network, vocabulary (its trace is the first window).
    var base: ExplorerRun
    /// Rows of a run read window by window (a mapped trace file), when not in memory.
    var source: (any ExplorerRowSource)?
    /// The whole run in memory when there is no live run and no source.
    var memoryTrace: NetworkTrace
    /// The run as it grows (live input, typing), every step in reach.
    var live: LiveRun?
    /// Makes the stores a growing run keeps its input rows and checkpoints in (name, width): temporary
    /// files for live input; in memory when nil.
    let makeLiveStore: ((String, Int) throws -> any RowStore)?
    /// The rows the explorer holds now.
    public internal(set) var window: Range<Int>
    /// Whether the cursor follows the newest step as live rows arrive.
    public internal(set) var isFollowing: Bool
    /// The recording in progress, if any.
    public internal(set) var recording: SessionRecording?
    /// Where recordings go; nil disables `r`.
    var recordingSink: (any RecordingSink)?
    /// Paths of the recordings saved in this session.
    public internal(set) var savedRecordings: [String]
    /// The bookmarks, sorted by step.
    public internal(set) var bookmarks: [StepBookmark]
    /// Where bookmarks are saved; nil keeps them in memory (saved with a recording).
    let bookmarkStore: (any BookmarkStore)?
    /// The live feed, if any.
    let feed: (any LiveRowFeed)?
    /// Whether the live feed has ended.
    public internal(set) var feedEnded: Bool
    /// Whether typed characters go into the run.
    public internal(set) var isTyping: Bool
    /// The note being typed for a new bookmark (and the step it is for).
    public internal(set) var notePrompt: (step: Int, text: String)?
    /// Whether the bookmark list is open, and its selected line.
    public internal(set) var bookmarkList: Int?
    /// The search being typed after `/`.
    public internal(set) var searchPrompt: String?
    /// The last search and its matches (`n` / `N` step through them; marked on the time axis).
    public internal(set) var search: InputSearch?
    /// Where a pattern being marked (`m`) starts.
    public internal(set) var patternStart: Int?
    /// The last pattern marked and its matches.
    public internal(set) var pattern: PatternMatch?
    /// The match `M` last went to.
    var patternIndex: Int?
    /// The `u` list (units responding to the token at the cursor), when open.
    public internal(set) var tokenUnits: TokenUnitList?
    /// Most live input lines taken per tick: a flood is stepped in bites, so keys (`q`) stay prompt.
    static let liveLinesPerTick = 2000
    /// Most steps a growing run (live input, typing) holds in memory: older ones are recomputed from
    /// checkpoints when shown (``LiveRun``), so memory stays flat however long the input runs.
    public var liveHistoryLimit = 1 << 16
    /// Bytes of rows a growing run holds at most (fewer steps for wider models; see ``historyLimit(for:)``).
    var liveHistoryBytes = 24 << 20
    /// The last message (saved paths, errors), shown on the bottom line until the next key.
    public internal(set) var message: String?
    /// Lines and characters of live input that could not be read.
    public internal(set) var skippedInput: Int
    /// Of ``skippedInput``, the rows skipped only because a number in them is NaN or infinite.
    public internal(set) var skippedNonFinite = 0
    /// Ticks since playback last stepped (a live session ticks faster than playback to read input).
    var ticksSinceStep = 0
    /// How often a live session reads its input.
    static let pollInterval = Duration.milliseconds(50)

    /// Lines the help lists for the session's own keys.
    public static let keyHelp: [ExplorerKeyHelp] = [
        ExplorerKeyHelp("r", "record on / off (saved on stop and on quit)", handles: [.character("r")]),
        ExplorerKeyHelp("b  '  \"", "bookmark · next · previous (b asks for a note)",
                        handles: [.character("b"), .character("'"), .character("\"")]),
        ExplorerKeyHelp("B", "list the bookmarks (Enter jumps, d removes)", handles: [.character("B")]),
        ExplorerKeyHelp("T", "type characters as steps (character models; Esc leaves)", handles: [.character("T")]),
        ExplorerKeyHelp("<  >", "a screen back / forward", handles: [.character("<"), .character(">")]),
        ExplorerKeyHelp("/  n  N", "search the input (text, or TRACK:label) · next · previous match",
                        handles: [.character("/"), .character("n"), .character("N")]),
        ExplorerKeyHelp("u  m  M", "units for this token (u; m…m marks a pattern, M steps through its matches)",
                        handles: [.character("u"), .character("m"), .character("M")]),
    ]

    /// A session on `run`.
    ///
    /// - Parameters:
    ///   - run: the run; when `source` is given, its trace may be empty (names, network and vocabulary
    ///     are taken from it) and rows come from `source`.
    ///   - source: rows of a long run read window by window (a mapped trace file).
    ///   - feed: live input; the run grows (as it does when typing) and a unidirectional network steps it.
    ///   - liveStore: makes the stores (a name and a width) a growing run keeps its input rows and
    ///     checkpoints in (temporary files, so memory stays flat); in memory when nil.
    public init(run: ExplorerRun, source: (any ExplorerRowSource)? = nil, palette: ExplorerPalette = .standard,
                recordingSink: (any RecordingSink)? = nil, bookmarks: [StepBookmark] = [],
                bookmarkStore: (any BookmarkStore)? = nil, feed: (any LiveRowFeed)? = nil,
                liveStore: ((String, Int) throws -> any RowStore)? = nil) {
        base = run
        self.source = source
        memoryTrace = source == nil ? run.trace : NetworkTrace(input: Matrix(rows: 0, columns: 0), layers: [])
        self.recordingSink = recordingSink
        self.bookmarks = bookmarks.sorted { $0.step < $1.step }
        self.bookmarkStore = bookmarkStore
        self.feed = feed
        makeLiveStore = liveStore
        savedRecordings = []
        feedEnded = feed == nil
        isTyping = false
        skippedInput = 0
        isFollowing = feed != nil
        window = 0..<0
        explorer = ExplorerApp(run: run, palette: palette)
        if feed != nil { _ = makeLiveRun() }
        reload(force: true)
        if feed != nil { moveCursor(to: totalSteps - 1, recordsPassed: false) }
    }

    /// The explorer's state (on the rows held now).
    public var state: ExplorerState { explorer.state }

    /// The cursor: a step of the whole run (0-based), kept by the explorer.
    public var step: Int { state.playback.step }

    /// Steps in the whole run.
    public var totalSteps: Int { live?.steps ?? source?.steps ?? memoryTrace.steps }

    /// Whether the run can grow (live input or typing).
    public var canGrow: Bool {
        guard source == nil, let network = base.network else { return false }
        return !network.needsWholeSequence
    }

    /// Whether the run may still grow (live input not ended, or typing): play waits at its end.
    var isGrowing: Bool { !feedEnded || isTyping }

    /// Ticks per playback step: a live session ticks at least every ``pollInterval`` to read its
    /// input, so slower playback steps every few ticks (counted: update never reads the clock).
    var ticksPerStep: Int {
        guard !feedEnded, let play = state.playback.tickInterval else { return 1 }
        return max(1, Int((play / Self.pollInterval).rounded(.up)))
    }

    public var tickInterval: Duration? {
        let play = state.playback.tickInterval
        // Rows computed in the background are looked for on ticks (at the playback's pace when playing).
        guard !feedEnded else { return play ?? (hasPendingRows ? Self.pendingPollInterval : nil) }
        guard let play else { return Self.pollInterval }
        return play / ticksPerStep
    }

    public var minimumSize: (width: Int, height: Int) { ExplorerLayout.minimumSize }

    /// A signal (Ctrl-C, SIGTERM, SIGHUP) ends the session: the recording in progress is saved, as on quit.
    public mutating func interrupted(bySignal signal: Int32) {
        finishRecording()
    }

    public mutating func begin(colorMode: ColorMode) {
        explorer.begin(colorMode: colorMode)
    }

    public mutating func handle(_ event: InputEvent) -> AppAction {
        switch event {
        case .key(let key):
            return handleKey(key)
        case .tick:
            handleTick()
        case .resize:
            _ = passDown(event)
        case .mouse:
            guard notePrompt == nil, bookmarkList == nil, tokenUnits == nil, searchPrompt == nil else { return .continue }
            _ = passDown(event)
        }
        return .continue
    }

    public func render(into buffer: inout CellBuffer) {
        explorer.render(into: &buffer)
        drawOverlays(into: &buffer)
    }
}
