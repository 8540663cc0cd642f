/// A clamp as the step loop sees it: gate block, unit, step (relative to the rows run) and value.
struct GateClamp: Sendable {
    /// Gate block (LSTM i f g o = 0…3, GRU r z n = 0…2).
    var gate: Int
    /// Hidden unit.
    var unit: Int
    /// Row of the inputs run, or nil for every row.
    var step: Int?
    /// The value the gate takes.
    var value: Float

    /// The value of gate block `gate` for `unit` at `row`: the clamp's when one applies, else `computed`.
    static func value(_ computed: Float, gate: Int, unit: Int, row: Int, in clamps: [GateClamp]) -> Float {
        for clamp in clamps where clamp.gate == gate && clamp.unit == unit && (clamp.step == nil || clamp.step == row) {
            return clamp.value
        }
        return computed
    }
}
