/// Names of the per-step series in a trace; they are also the tensor names in the trace file.
public enum SeriesName {
    public static let inputGate = "input_gate"
    public static let forgetGate = "forget_gate"
    public static let cellCandidate = "cell_candidate"
    public static let outputGate = "output_gate"
    public static let cell = "cell"
    public static let hidden = "hidden"
    /// LSTM with projection: o ⊙ tanh(c) before `weight_hr` maps it to `hidden`.
    public static let hiddenBeforeProjection = "hidden_before_projection"
    public static let resetGate = "reset_gate"
    public static let updateGate = "update_gate"
    public static let candidate = "candidate"
    /// GRU: the recurrent term of the candidate, W_hn h + b_hn (or (r ⊙ h) U_h when reset comes before).
    public static let candidateRecurrent = "candidate_recurrent"

    /// The pre-activation series of a gate or state: the argument of its σ, tanh or relu.
    public static func preactivation(_ name: String) -> String { name + "_preactivation" }
}
