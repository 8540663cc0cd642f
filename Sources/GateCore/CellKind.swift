/// The recurrent cell families gatescope computes.
public enum CellKind: String, Sendable, CaseIterable, Codable {
    /// Long short-term memory (PyTorch gate order i, f, g, o).
    case lstm
    /// Gated recurrent unit (PyTorch gate order r, z, n).
    case gru
    /// Elman RNN with tanh.
    case rnnTanh = "rnn_tanh"
    /// Elman RNN with ReLU.
    case rnnRelu = "rnn_relu"

    /// Rows of `weight_hh` per hidden unit: 4 for LSTM, 3 for GRU, 1 for RNN.
    public var gateCount: Int {
        switch self {
        case .lstm: 4
        case .gru: 3
        case .rnnTanh, .rnnRelu: 1
        }
    }

    /// A short human name ("LSTM", "GRU", "RNN (tanh)").
    public var displayName: String {
        switch self {
        case .lstm: "LSTM"
        case .gru: "GRU"
        case .rnnTanh: "RNN (tanh)"
        case .rnnRelu: "RNN (relu)"
        }
    }

    /// The function an RNN applies to W·x + U·h₋₁ + b: "tanh" or "relu" ("tanh" for gated cells,
    /// whose candidate uses it).
    public var rnnFunction: String { self == .rnnRelu ? "relu" : "tanh" }

    /// Names of the per-step series a trace holds for this cell, in display order.
    public var seriesNames: [String] {
        switch self {
        case .lstm:
            [SeriesName.inputGate, SeriesName.forgetGate, SeriesName.cellCandidate, SeriesName.outputGate,
             SeriesName.cell, SeriesName.hidden]
        case .gru:
            [SeriesName.resetGate, SeriesName.updateGate, SeriesName.candidate, SeriesName.hidden]
        case .rnnTanh, .rnnRelu:
            [SeriesName.hidden]
        }
    }
}
