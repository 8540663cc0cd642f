/// A whole network's run over one input sequence: every layer, direction, gate and state, and the head.
public struct NetworkTrace: Sendable, Equatable {
    /// The input fed to the bottom layer, T × X (embedded vectors for token models).
    public var input: Matrix
    /// Token ids when the input came from text through an embedding or one-hot encoding.
    public var tokens: [Int]?
    /// Per layer and direction, bottom layer first, forward before reverse.
    public var layers: [LayerTrace]
    /// The head's output, T × O, when the network has one.
    public var output: Matrix?
    /// Facts about the input, one value per step (`--annotate FILE.csv`), drawn above the heatmaps.
    public var annotations: [AnnotationTrack]

    /// A trace from its parts.
    public init(input: Matrix, tokens: [Int]? = nil, layers: [LayerTrace], output: Matrix? = nil,
                annotations: [AnnotationTrack] = []) {
        self.input = input
        self.tokens = tokens
        self.layers = layers
        self.output = output
        self.annotations = annotations
    }

    /// Number of timesteps.
    public var steps: Int { input.rows }

    /// The trace of `layer` in the given direction, if recorded.
    public func layer(_ layer: Int, reverse: Bool = false) -> LayerTrace? {
        layers.first { $0.layer == layer && $0.isReverse == reverse }
    }
}
