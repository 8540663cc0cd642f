import GateCore

/// Anything a recorded run can be replayed from: an in-memory ``NetworkTrace`` or a memory-mapped
/// trace file (``MappedTrace``), which reads only the rows asked for.
public protocol TraceSource: Sendable {
    /// Number of timesteps.
    var steps: Int { get }
    /// The layers and directions recorded, bottom first, forward before reverse.
    var recordedLayers: [TraceLayerInfo] { get }
    /// Features per step of the input.
    var inputWidth: Int { get }
    /// Width of the head's output, when the trace has one.
    var outputWidth: Int? { get }
    /// Token ids when the input came from text.
    var tokens: [Int]? { get }
    /// Annotation tracks (one value per step each).
    var annotations: [AnnotationTrack] { get }
    /// Rows `rows` of the input, `rows.count` × `inputWidth`.
    func input(rows: Range<Int>) throws -> Matrix
    /// Rows `rows` of the head's output, or nil when there is no head.
    func output(rows: Range<Int>) throws -> Matrix?
    /// Rows `rows` of series `name` of one layer and direction.
    func series(_ name: String, layer: Int, reverse: Bool, rows: Range<Int>) throws -> Matrix
}

extension TraceSource {
    /// The description of one layer and direction, if recorded.
    public func layerInfo(_ layer: Int, reverse: Bool = false) -> TraceLayerInfo? {
        recordedLayers.first { $0.layer == layer && $0.isReverse == reverse }
    }

    /// The cell kind (of the bottom layer).
    public var cellKind: CellKind { recordedLayers.first?.kind ?? .lstm }
}
