import GateCore

/// The nonlinearity of a vanilla RNN, which its weights cannot tell (PyTorch `nonlinearity=`).
public enum RNNNonlinearity: String, Sendable, CaseIterable {
    /// tanh, PyTorch's and Keras' default.
    case tanh
    /// The rectifier max(0, x).
    case relu
}
