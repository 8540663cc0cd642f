import GateCanvas
import GateCore

/// A lesson stop resolved for the explorer: the demo's run loaded, 0-based positions, the narration.
/// A ConvLSTM stop also holds its ``SpatialRun`` (drawn by the spatial screen) and the channel and
/// pixel to select; its `run` then wraps the same trace (what the explorer state needs).
public struct TeachingStop: Sendable {
    /// The stop's heading.
    public var title: String
    /// The demo's run (the model over the stop's input; over a long input, its first window).
    public var run: ExplorerRun
    /// Makes the rows of a long input's run, computed window by window from checkpoints, when the
    /// stop opens (nil: ``run`` holds the whole run).
    public var makeSource: (@Sendable () -> CheckpointedRowSource?)?
    /// The step to jump to (0-based).
    public var step: Int
    /// The layer (0-based).
    public var layer: Int
    /// True for the reverse direction.
    public var isReverse: Bool
    /// The unit to select (0-based).
    public var unit: Int
    /// The ConvLSTM run, when the stop opens the spatial screen.
    public var spatial: SpatialRun?
    /// The channel to show on the spatial screen (0-based).
    public var channel: Int = 0
    /// The selected pixel's row on the spatial screen (0-based), or nil for the frame's middle.
    public var pixelY: Int?
    /// The selected pixel's column on the spatial screen (0-based), or nil for the frame's middle.
    public var pixelX: Int?
    /// The panel word to highlight ("forget", "cell", "gradient", …).
    public var panel: String
    /// The teaching view to open.
    public var view: TeachingView
    /// The twin demo's run plotted beside this one in the gradient view.
    public var twin: ExplorerRun?
    /// What-if edits applied when the stop opens.
    public var interventions: [Intervention]
    /// The narration lines.
    public var narration: [String]
    /// The question for the class.
    public var question: String?
    /// The answer, shown on request.
    public var answer: String?

    /// A stop from its parts.
    public init(title: String, run: ExplorerRun, step: Int, layer: Int = 0, isReverse: Bool = false, unit: Int,
                panel: String, view: TeachingView = .explorer, twin: ExplorerRun? = nil,
                interventions: [Intervention] = [], narration: [String], question: String? = nil, answer: String? = nil) {
        self.title = title
        self.run = run
        self.step = step
        self.layer = layer
        self.isReverse = isReverse
        self.unit = unit
        self.panel = panel
        self.view = view
        self.twin = twin
        self.interventions = interventions
        self.narration = narration
        self.question = question
        self.answer = answer
    }

    /// A ConvLSTM stop on `spatial`: `step`, `layer`, `channel`, `pixelY`/`pixelX` 0-based; `panel` a
    /// map word (`LessonDemoFacts.spatialPanelWords`).
    public init(title: String, spatial: SpatialRun, step: Int, layer: Int = 0, channel: Int, pixelY: Int?, pixelX: Int?,
                panel: String, narration: [String], question: String? = nil, answer: String? = nil) {
        self.init(title: title, run: ExplorerRun(name: spatial.name, title: spatial.title, trace: spatial.trace),
                  step: step, layer: layer, unit: 0, panel: panel, narration: narration, question: question, answer: answer)
        self.spatial = spatial
        self.channel = channel
        self.pixelY = pixelY
        self.pixelX = pixelX
    }
}
