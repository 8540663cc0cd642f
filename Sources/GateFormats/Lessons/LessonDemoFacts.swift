import GateCore

/// What the validator needs to know about a demo (or a demo with another input): its name, cell
/// kind, steps, layers, directions and units; for a ConvLSTM, the channels and frame size too.
public struct LessonDemoFacts: Sendable, Equatable {
    /// The cell kind.
    public var kind: CellKind
    /// Timesteps of the input.
    public var steps: Int
    /// Layers.
    public var layers: Int
    /// Whether the layers run in both directions.
    public var isBidirectional: Bool
    /// Hidden units per layer and direction (for a ConvLSTM: channels of its first layer).
    public var units: Int
    /// For a ConvLSTM demo, the first layer's maps: channels × frame height × width; nil otherwise.
    public var spatial: SpatialShape?

    /// Facts from their parts.
    public init(kind: CellKind, steps: Int, layers: Int, isBidirectional: Bool, units: Int) {
        self.kind = kind
        self.steps = steps
        self.layers = layers
        self.isBidirectional = isBidirectional
        self.units = units
        spatial = nil
    }

    /// Facts of a ConvLSTM `network` over `frames` frames: `channel:` and `pixel:` are checked against them.
    public init(network: ConvLSTMNetwork, frames: Int) {
        let shape = network.spatialShape(layer: 0)
        self.init(kind: .lstm, steps: frames, layers: network.layers.count, isBidirectional: false, units: shape.channels)
        spatial = shape
    }

    /// Maps a ConvLSTM stop may highlight: the input frame, the gates and states of the channel shown,
    /// the belt's parts (c₋₁, f·c₋₁ kept, i·g written) and the predicted and true next frame.
    public static let spatialPanelWords = ["frame", "forget", "input", "candidate", "output", "cell", "hidden",
                                           "previous", "kept", "written", "prediction", "next"]

    /// Facts of `network` run on `steps` steps.
    public init(network: RecurrentNetwork, steps: Int) {
        self.init(kind: network.kind, steps: steps, layers: network.layers.count,
                  isBidirectional: network.isBidirectional, units: network.hiddenSize)
    }

    /// Panel words a stop may highlight for this kind: its gates and states, then the teaching views.
    public static func panelWords(for kind: CellKind) -> [String] {
        let own: [String] = switch kind {
        case .lstm: ["forget", "input", "candidate", "output", "cell", "hidden"]
        case .gru: ["reset", "update", "candidate", "hidden"]
        case .rnnTanh, .rnnRelu: ["hidden"]
        }
        return own + ["gradient", "whatif", "diagram"]
    }

    /// Gate words a clamp may name for this kind ("bias" shifts also take "hidden" for an RNN).
    public static func gateWords(for kind: CellKind) -> [String] {
        switch kind {
        case .lstm: ["input", "forget", "candidate", "output"]
        case .gru: ["reset", "update", "candidate"]
        case .rnnTanh, .rnnRelu: ["hidden"]
        }
    }
}
