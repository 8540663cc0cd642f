/// One stop of a guided tour: a demo, a step to jump to, what to highlight, what to say and ask.
/// Steps, layers and units are 1-based, as people count and as the explorer shows them.
public struct LessonStop: Sendable, Equatable {
    /// The stop's heading.
    public var title: String
    /// The line of the `stop:` line (for messages).
    public var line: Int
    /// The demo name in demos/catalog.tsv.
    public var demo: String
    /// Another input file for the demo's model (relative to the lesson file), or nil for the demo's own.
    public var input: String?
    /// The step to jump to (1-based).
    public var step: Int
    /// The layer (1-based).
    public var layer: Int
    /// True to show the reverse direction of a bidirectional layer.
    public var isReverse: Bool
    /// The unit to select (1-based).
    public var unit: Int
    /// The channel to show (1-based), for a ConvLSTM demo (`channel:`).
    public var channel: Int?
    /// The selected pixel (1-based row, column), for a ConvLSTM demo (`pixel: ROW,COL`).
    public var pixel: LessonPixel?
    /// The panel to highlight: a gate or state word ("forget", "cell", …) or "gradient" / "whatif".
    public var panel: String
    /// The teaching view to open.
    public var view: LessonView
    /// A second demo whose gradient flow is plotted beside this one's (the vanishing-gradient twins).
    public var twin: String?
    /// What-if edits applied when the stop opens.
    public var clamps: [LessonClamp]
    /// Claims about the model's numbers, verified by `gatescope lesson --check` (one per `check:` line).
    public var checks: [LessonCheck] = []
    /// The narration, one entry per `say:` line.
    public var narration: [String]
    /// The question for the class, if any.
    public var question: String?
    /// The answer, revealed on request.
    public var answer: String?
    /// The line of each field, by key (for messages that name the line).
    public var fieldLines: [String: Int]

    /// A stop with defaults for everything but the title and line.
    public init(title: String, line: Int, demo: String = "", input: String? = nil, step: Int = 1, layer: Int = 1,
                isReverse: Bool = false, unit: Int = 1, panel: String = "cell", view: LessonView = .explorer,
                twin: String? = nil, clamps: [LessonClamp] = [], narration: [String] = [], question: String? = nil,
                answer: String? = nil, fieldLines: [String: Int] = [:]) {
        self.title = title
        self.line = line
        self.demo = demo
        self.input = input
        self.step = step
        self.layer = layer
        self.isReverse = isReverse
        self.unit = unit
        self.panel = panel
        self.channel = nil
        self.pixel = nil
        self.view = view
        self.twin = twin
        self.clamps = clamps
        self.narration = narration
        self.question = question
        self.answer = answer
        self.fieldLines = fieldLines
    }

    /// The line of `key` in the file, or the stop's line.
    public func line(of key: String) -> Int { fieldLines[key] ?? line }
}
