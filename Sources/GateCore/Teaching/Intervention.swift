/// One what-if edit of a network's run: a gate of one unit in one layer and direction, clamped to a
/// value or with its bias shifted. `RecurrentNetwork.run(_:tokens:interventions:reusing:)` applies them.
public struct Intervention: Sendable, Hashable {
    /// Layer index, 0 at the bottom.
    public var layer: Int
    /// True for the reverse direction of a bidirectional layer.
    public var isReverse: Bool
    /// The hidden unit (0-based).
    public var unit: Int
    /// The gate's series name (`SeriesName.forgetGate`, `.updateGate`, …; `.hidden` for a plain RNN's
    /// bias).
    public var gate: String
    /// What happens to it.
    public var action: InterventionAction

    /// An edit from its parts.
    public init(layer: Int = 0, isReverse: Bool = false, unit: Int, gate: String, action: InterventionAction) {
        self.layer = layer
        self.isReverse = isReverse
        self.unit = unit
        self.gate = gate
        self.action = action
    }

    /// The row block of the gate in the weights (PyTorch order: LSTM i f g o, GRU r z n, RNN h), or nil
    /// when the cell has no such gate.
    public static func gateIndex(of gate: String, in kind: CellKind) -> Int? {
        switch kind {
        case .lstm:
            [SeriesName.inputGate, SeriesName.forgetGate, SeriesName.cellCandidate, SeriesName.outputGate]
                .firstIndex(of: gate)
        case .gru:
            [SeriesName.resetGate, SeriesName.updateGate, SeriesName.candidate].firstIndex(of: gate)
        case .rnnTanh, .rnnRelu:
            gate == SeriesName.hidden ? 0 : nil
        }
    }

    /// "clamp f of unit 3 to 0.00 at t=14", "forget bias of unit 3 +1.0" (steps and units from 1).
    public var label: String {
        let symbol = Self.symbols[gate] ?? gate
        let where_ = (layer > 0 ? " layer \(layer + 1)" : "") + (isReverse ? " ←" : "")
        switch action {
        case .clamp(let value, let step):
            let at = step.map { "at t=\($0 + 1)" } ?? "at every step"
            return "clamp \(symbol) of unit \(unit + 1)\(where_) to \(Self.format(value)) \(at)"
        case .shiftBias(let amount):
            return "\(symbol) bias of unit \(unit + 1)\(where_) \(amount >= 0 ? "+" : "")\(Self.format(amount))"
        }
    }

    static let symbols: [String: String] = [
        SeriesName.inputGate: "i", SeriesName.forgetGate: "f", SeriesName.cellCandidate: "g",
        SeriesName.outputGate: "o", SeriesName.resetGate: "r", SeriesName.updateGate: "z",
        SeriesName.candidate: "n", SeriesName.hidden: "h",
    ]

    static func format(_ value: Float) -> String {
        let scaled = (Double(value) * 100).rounded() / 100
        var text = String(scaled)
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < 2 { text += String(repeating: "0", count: 2 - decimals) }
        }
        return text
    }
}
