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

    /// The panel of the series a layer of `kind` shows (its belt's when it has no such gate).
    func panel(for kind: CellKind) -> PanelKind? {
        let series = series(for: kind) ?? BandContent.belt.series(for: kind)
        return PanelKind.panels(for: kind).first { $0.series == series }
    }

    /// The one-letter symbol of the series a layer of `kind` shows (its belt's when it has no such gate).
    public func symbol(for kind: CellKind) -> String {
        panel(for: kind)?.symbol ?? "h"
    }

    /// The plain name of what a layer of `kind` shows ("forget gate f", "cell c", …).
    public func name(for kind: CellKind) -> String {
        guard let panel = panel(for: kind) else { return "hidden h" }
        return panel.isState ? "\(panel.word) \(panel.symbol)" : "\(panel.word) gate \(panel.symbol)"
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
