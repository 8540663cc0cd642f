import GateCore

/// How a file names and lays out recurrent weights.
public enum WeightLayout: String, Sendable, Equatable {
    /// PyTorch `state_dict` names: `weight_ih_l0`, `weight_hh_l0`, `bias_ih_l0`, … (rows i,f,g,o / r,z,n).
    case pytorch
    /// Keras names: `kernel`, `recurrent_kernel`, `bias` (columns i,f,c,o / z,r,h).
    case keras
    /// ONNX `LSTM`/`GRU`/`RNN` nodes (W, R, B, P initializers; gate rows i,o,f,c / z,r,h), converted on import.
    case onnx
}
