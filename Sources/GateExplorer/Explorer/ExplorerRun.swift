import GateCanvas
import GateCore

/// Everything the explorer shows: one recorded or computed run of a network over one input sequence,
/// with the network itself when it is known (a replayed trace may come without one).
public struct ExplorerRun: Sendable {
    /// A short name for the status line ("brackets").
    public var name: String
    /// What the run is, in a few words ("bracket depth · built-in hand-set weights").
    public var title: String
    /// A few sentences on what to look at (which unit, which gate), shown in the help overlay.
    public var story: String?
    /// Every gate and state of every layer and direction at every step.
    public var trace: NetworkTrace
    /// The network that produced the trace; nil for a replayed trace without weights.
    public var network: RecurrentNetwork?
    /// Token strings by id, for text models (used to show the input and the predictions).
    public var vocabulary: [String]?
    /// What the head should have predicted at each step (T × O), for series models, when known.
    public var targets: Matrix?
    /// The unit worth selecting first (0-based), when the run's author knows one.
    public var suggestedUnit: Int?
    /// A one-line description of the model when there is no network (for example from a trace file).
    public var modelDescription: String?
    /// The step of the whole run that row 0 of `trace` is (when the trace is a window of a longer run,
    /// e.g. a huge replay read window by window); step numbers on screen add it.
    public var stepOffset = 0
    /// Steps in the whole run when `trace` is a window of it; nil when `trace` is the whole run.
    public var fullSteps: Int?
    /// Which steps the per-unit statistics (saturation, τ, activity) cover, when not the whole run
    /// ("steps 1,025–2,048 on screen"); shown in the inspector.
    public var statisticsScope: String?
    /// The activation a recorded head applied, for a replayed trace without its network (from the
    /// trace's metadata); ignored when ``network`` is known.
    public var recordedHeadActivation: HeadActivation?
    /// Keys added by the app around the explorer (recording, bookmarks, typing), listed in the help.
    public var extraKeyHelp: [ExplorerKeyHelp] = []
    /// Keys that do nothing here (a classroom preset disables them): the help leaves them out.
    public var disabledKeys: Set<Key> = []

    /// A run from its parts.
    public init(name: String, title: String, story: String? = nil, trace: NetworkTrace,
                network: RecurrentNetwork? = nil, vocabulary: [String]? = nil, targets: Matrix? = nil,
                suggestedUnit: Int? = nil, modelDescription: String? = nil) {
        self.name = name
        self.title = title
        self.story = story
        self.trace = trace
        self.network = network
        self.vocabulary = vocabulary ?? network?.vocabulary
        self.targets = targets
        self.suggestedUnit = suggestedUnit
        self.modelDescription = modelDescription
    }

    /// Number of timesteps.
    public var steps: Int { trace.steps }

    /// For a replayed session recording (`r`), which step of the original run each row was and the
    /// states carried into its jumps; nil for a run or a trace from `record` (rows are steps).
    public var origin: RecordedSteps?
    /// True for a replayed recording from before origins were stored: its first row's predecessor is unknown.
    public var firstRowPredecessorUnknown = false
    /// For a window of a longer run (``stepOffset``, ``fullSteps``): the state each layer trace (by
    /// `LayerTrace.key`) carries into the rows held from outside them — forward-reading from the step
    /// before the first row, reverse-reading from the step after the last — so the edge row's
    /// equations use its true predecessor.
    public var windowEdges: [String: RecurrentState] = [:]

    /// The number shown for `step` (1-based, in the whole run; for a replayed recording, the
    /// original run's step).
    public func stepNumber(_ step: Int) -> Int {
        (origin?.step(ofRow: step + stepOffset) ?? step + stepOffset) + 1
    }

    /// "t=9001 · row 630/632 ‖ jump from 1629" for a replayed recording, "t=5/20" otherwise (`step` in the rows held).
    public func stepCounter(_ step: Int) -> String {
        guard let origin else { return "t=\(stepNumber(step))/\(shownTotalSteps)" }
        let row = step + stepOffset
        var text = "t=\(stepNumber(step)) · row \(row + 1)/\(shownTotalSteps)"
        if row > 0, origin.startsSegment(row: row, reverse: false) {
            text += " ‖ jump from \(origin.step(ofRow: row - 1) + 1)"
        }
        return text
    }

    /// Steps of the whole run, as shown on screen.
    public var shownTotalSteps: Int { fullSteps ?? trace.steps }

    /// The cell kind of the bottom layer.
    public var kind: CellKind { network?.kind ?? trace.layers.first?.kind ?? .lstm }

    /// "LSTM 2→6, head 6→2", from the network, the description, or what the trace shows.
    public var modelSummary: String {
        if let network { return network.summary }
        if let modelDescription { return modelDescription }
        let width = trace.layers.first?.hiddenSize ?? 0
        return "\(kind.displayName) \(trace.input.columns)→\(width) (trace)"
    }

    /// What the head applied to its logits, so the output rows are what the model gives: the network's
    /// head, else what the trace recorded, else none (logits).
    public var headActivation: HeadActivation { network?.head?.activation ?? recordedHeadActivation ?? .linear }

    /// Whether the input is text (token ids with strings to show).
    public var hasTextInput: Bool { trace.tokens != nil && vocabulary != nil }

    /// Names of the input features (a model's `features` metadata, e.g. "value,marker"), if known.
    public var inputFeatureNames: [String]? {
        guard let names = network?.metadata["features"]?.split(separator: ",").map(String.init),
              names.count == trace.input.columns else { return nil }
        return names
    }

    /// Input features drawn as their own sparkline rows (the rest are summarised by the first).
    public static let maximumInputRows = 4

    /// The input token at `step` as a printable string ("⏎" for a newline, "␣" for a space).
    public func tokenText(at step: Int) -> String? {
        guard let tokens = trace.tokens, let vocabulary, step >= 0, step < tokens.count else { return nil }
        let id = tokens[step]
        guard id >= 0, id < vocabulary.count else { return "?" }
        return Self.printable(vocabulary[id])
    }

    /// A token string made visible: whitespace and control characters get a visible stand-in.
    public static func printable(_ token: String) -> String {
        switch token {
        case "\n": return "⏎"
        case " ": return "␣"
        case "\t": return "⇥"
        case "": return "∅"
        default:
            if token.unicodeScalars.allSatisfy({ $0.properties.generalCategory == .control }) { return "·" }
            return token
        }
    }

    /// Layer indices present in the trace, bottom first.
    public var layerIndices: [Int] { Array(Set(trace.layers.map(\.layer))).sorted() }

    /// Whether any layer has a reverse direction.
    public var hasReverseDirection: Bool { trace.layers.contains { $0.isReverse } }
}
