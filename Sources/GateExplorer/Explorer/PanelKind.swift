import GateCanvas
import GateCore

/// One heatmap panel: which series it shows and how to read it, in plain words.
public struct PanelKind: Sendable, Hashable {
    /// The series name in the trace (see `SeriesName`).
    public var series: String
    /// The word for it: "forget", "cell", ….
    public var word: String
    /// The symbol in the equations: "f", "c", ….
    public var symbol: String
    /// Plain-word lines explaining the scale, shown under the name when there is room; they name the
    /// gate ("f=1 keeps"), so that a bare "1" beside a unit number is not read as "unit 1 keeps".
    public var meaning: [String]
    /// True for signed values (diverging colour scale centred on 0); false for gates in [0, 1].
    public var isSigned: Bool
    /// True for the belt (state) panels drawn below the time axis.
    public var isState = false

    /// The panels of a cell kind, gates first, then the states of the belt.
    public static func panels(for kind: CellKind) -> [PanelKind] {
        switch kind {
        case .lstm:
            [PanelKind(series: SeriesName.forgetGate, word: "forget", symbol: "f",
                       meaning: ["f=1 keeps", "f=0 forgets"], isSigned: false),
             PanelKind(series: SeriesName.inputGate, word: "input", symbol: "i",
                       meaning: ["i=1 writes", "i=0 blocks"], isSigned: false),
             PanelKind(series: SeriesName.cellCandidate, word: "candidate", symbol: "g",
                       meaning: ["new values", "to write ±"], isSigned: true),
             PanelKind(series: SeriesName.outputGate, word: "output", symbol: "o",
                       meaning: ["o=1 shows c", "o=0 hides c"], isSigned: false),
             PanelKind(series: SeriesName.cell, word: "cell", symbol: "c",
                       meaning: ["the belt", "memory"], isSigned: true, isState: true),
             PanelKind(series: SeriesName.hidden, word: "hidden", symbol: "h",
                       meaning: ["o·tanh c", "output"], isSigned: true, isState: true)]
        case .gru:
            [PanelKind(series: SeriesName.resetGate, word: "reset", symbol: "r",
                       meaning: ["r=1 uses h", "r=0 ignores"], isSigned: false),
             PanelKind(series: SeriesName.updateGate, word: "update", symbol: "z",
                       meaning: ["z=1 keeps h", "z=0 renews"], isSigned: false),
             PanelKind(series: SeriesName.candidate, word: "candidate", symbol: "n",
                       meaning: ["new value", "signed ±"], isSigned: true),
             PanelKind(series: SeriesName.hidden, word: "hidden", symbol: "h",
                       meaning: ["the belt", "memory"], isSigned: true, isState: true)]
        case .rnnTanh, .rnnRelu:
            [PanelKind(series: SeriesName.hidden, word: "hidden", symbol: "h",
                       meaning: kind == .rnnRelu ? ["relu(W·x+…)", "0 or more"] : ["tanh(W·x+…)", "signed ±"],
                       isSigned: true, isState: true)]
        }
    }

    /// "forget f".
    public var title: String { word + " " + symbol }
}
