import GateCanvas
import GateCore

/// What each band of the all-layers view (`A`) draws, cycled with `v`: the belt (c for LSTM, h for GRU
/// and RNN), the keeping gate (LSTM forget f, GRU update z), the writing gate (LSTM input i, GRU reset
/// r) or the LSTM's output gate o. A band whose cell has no such gate (RNN; GRU for o) keeps its belt.
public enum BandContent: Int, CaseIterable, Sendable {
    /// The belt: c for LSTM, h for GRU and RNN.
    case belt
    /// LSTM forget gate f, GRU update gate z.
    case keepGate
    /// LSTM input gate i, GRU reset gate r.
    case writeGate
    /// LSTM output gate o.
    case outputGate

    /// The series a layer of `kind` shows for this content, or nil when the cell has no such gate.
    public func series(for kind: CellKind) -> String? {
        switch (self, kind) {
        case (.belt, .lstm): SeriesName.cell
        case (.belt, _): SeriesName.hidden
        case (.keepGate, .lstm): SeriesName.forgetGate
        case (.keepGate, .gru): SeriesName.updateGate
        case (.writeGate, .lstm): SeriesName.inputGate
        case (.writeGate, .gru): SeriesName.resetGate
        case (.outputGate, .lstm): SeriesName.outputGate
        default: nil
        }
    }

    /// The one-letter symbol of the series a layer of `kind` shows (its belt's when it has no such gate).
    public func symbol(for kind: CellKind) -> String {
        switch series(for: kind) ?? BandContent.belt.series(for: kind) {
        case SeriesName.cell: "c"
        case SeriesName.forgetGate: "f"
        case SeriesName.updateGate: "z"
        case SeriesName.inputGate: "i"
        case SeriesName.resetGate: "r"
        case SeriesName.outputGate: "o"
        default: "h"
        }
    }

    /// The plain name of what a layer of `kind` shows ("forget gate f", "cell c", …).
    public func name(for kind: CellKind) -> String {
        switch series(for: kind) ?? BandContent.belt.series(for: kind) {
        case SeriesName.cell: "cell c"
        case SeriesName.forgetGate: "forget gate f"
        case SeriesName.updateGate: "update gate z"
        case SeriesName.inputGate: "input gate i"
        case SeriesName.resetGate: "reset gate r"
        case SeriesName.outputGate: "output gate o"
        default: "hidden h"
        }
    }

    /// The next content after this one that some layer of `kinds` has (back to the belt after the last).
    public func next(for kinds: Set<CellKind>) -> BandContent {
        var candidate = self
        for _ in BandContent.allCases {
            candidate = BandContent(rawValue: (candidate.rawValue + 1) % BandContent.allCases.count) ?? .belt
            if candidate == .belt || kinds.contains(where: { candidate.series(for: $0) != nil }) { return candidate }
        }
        return .belt
    }
}
