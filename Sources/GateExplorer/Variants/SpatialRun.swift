import GateCanvas
import GateCore

/// A ConvLSTM run for the spatial explorer: the trace (rows C·H·W, channel-first), the shape of every
/// layer's maps, the input frames' shape and the head's, and what the head's output means.
public struct SpatialRun: Sendable {
    /// A short name for the status line ("convlstm-moving-square").
    public var name: String
    /// What the run is, in a few words.
    public var title: String
    /// What to look at, shown in the help overlay.
    public var story: String?
    /// Every gate and state of every layer at every step (`ConvLSTMNetwork.run`).
    public var trace: NetworkTrace
    /// The map shape of each layer (channels × height × width), bottom first.
    public var shapes: [SpatialShape]
    /// The shape of one input frame.
    public var inputShape: SpatialShape
    /// The shape of one head output row, when there is a head.
    public var outputShape: SpatialShape?
    /// Whether the head's output is a logit to pass through σ (next-frame pixel probabilities).
    public var outputIsLogit: Bool
    /// "ConvLSTM 1→8 3×3 on 8×8, head 1×1".
    public var modelSummary: String

    /// A run from its parts.
    public init(name: String, title: String, story: String? = nil, trace: NetworkTrace, shapes: [SpatialShape],
                inputShape: SpatialShape, outputShape: SpatialShape?, outputIsLogit: Bool, modelSummary: String) {
        self.name = name
        self.title = title
        self.story = story
        self.trace = trace
        self.shapes = shapes
        self.inputShape = inputShape
        self.outputShape = outputShape
        self.outputIsLogit = outputIsLogit
        self.modelSummary = modelSummary
    }

    /// Runs `network` over `frames` (T × Cin·H·W, channel-first) and wraps the trace.
    public init(network: ConvLSTMNetwork, frames: Matrix, name: String, title: String, story: String? = nil) {
        self.init(name: name, title: title, story: story, trace: network.run(frames),
                  shapes: network.layers.indices.map { network.spatialShape(layer: $0) },
                  inputShape: network.inputShape, outputShape: network.outputShape,
                  outputIsLogit: (network.metadata["output_activation"] ?? "sigmoid") == "sigmoid",
                  modelSummary: network.summary)
    }

    /// Number of timesteps.
    public var steps: Int { trace.steps }

    /// The layer trace `layer` (forward; ConvLSTM layers have one direction).
    public func layer(_ layer: Int) -> LayerTrace? { self.trace.layer(layer, reverse: false) }

    /// The head's prediction at `step`, as probabilities (σ of the logits) when the head gives logits.
    public func prediction(step: Int) -> [Float]? {
        guard let output = trace.output, step >= 0, step < output.rows, let shape = outputShape,
              output.columns == shape.count else { return nil }
        let row = output.row(step)
        return outputIsLogit ? row.map { Activation.sigmoid($0) } : row
    }

    /// The frame that actually came next (the input at `step + 1`), when the head predicts frames.
    public func nextFrame(step: Int) -> [Float]? {
        guard let shape = outputShape, shape == inputShape, step + 1 < trace.input.rows else { return nil }
        return trace.input.row(step + 1)
    }
}
