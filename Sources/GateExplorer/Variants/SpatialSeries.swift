import GateCanvas
import GateCore

/// One ConvLSTM series as the spatial explorer names it: f, i, g, o, c, h with plain words.
public struct SpatialSeries: Sendable, Equatable {
    /// The series name in the trace.
    public var series: String
    /// "forget f".
    public var title: String
    /// Plain words for the scale ("1 keeps c₋₁").
    public var meaning: String
    /// True for signed values (diverging scale).
    public var isSigned: Bool

    /// The six maps of a ConvLSTM layer in equation order: gates, candidate, then the states.
    public static let all: [SpatialSeries] = [
        SpatialSeries(series: SeriesName.forgetGate, title: "forget f", meaning: "1 keeps c₋₁", isSigned: false),
        SpatialSeries(series: SeriesName.inputGate, title: "input i", meaning: "1 writes g", isSigned: false),
        SpatialSeries(series: SeriesName.cellCandidate, title: "candidate g", meaning: "what to write", isSigned: true),
        SpatialSeries(series: SeriesName.outputGate, title: "output o", meaning: "1 shows c", isSigned: false),
        SpatialSeries(series: SeriesName.cell, title: "cell c", meaning: "the belt", isSigned: true),
        SpatialSeries(series: SeriesName.hidden, title: "hidden h", meaning: "o·tanh c", isSigned: true),
    ]
}
