/// One-letter names of a cell's series, as the equations write them (`--series h` on the command line).
public enum SeriesLetter {
    /// The letters a cell kind has, with their series: LSTM h c f i o g; GRU r z n h; RNN h.
    public static func letters(for kind: CellKind) -> [(letter: String, series: String)] {
        switch kind {
        case .lstm:
            [("h", SeriesName.hidden), ("c", SeriesName.cell), ("f", SeriesName.forgetGate),
             ("i", SeriesName.inputGate), ("o", SeriesName.outputGate), ("g", SeriesName.cellCandidate)]
        case .gru:
            [("r", SeriesName.resetGate), ("z", SeriesName.updateGate), ("n", SeriesName.candidate),
             ("h", SeriesName.hidden)]
        case .rnnTanh, .rnnRelu:
            [("h", SeriesName.hidden)]
        }
    }

    /// The series a letter (or a full series name such as `forget_gate`) names for `kind`, if it has one.
    public static func series(named name: String, for kind: CellKind) -> String? {
        let lowered = name.lowercased()
        if let match = letters(for: kind).first(where: { $0.letter == lowered }) { return match.series }
        return kind.seriesNames.contains(lowered) ? lowered : nil
    }
}
