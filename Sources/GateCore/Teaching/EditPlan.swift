/// How a what-if edited run computes one layer and direction, given the unedited run: which rows it
/// takes over unchanged and how it computes the rest. The whole-run re-run
/// (``RecurrentNetwork/run(_:tokens:interventions:reusing:)``) and the lazy one
/// (``EditedCheckpointedRun``) follow the same plans, so their values are bit-identical.
struct EditPlan: Sendable {
    /// Where the rows from ``from`` on come from.
    enum Source: Sendable {
        /// The unedited run's rows, all of them (nothing below or in this direction changed).
        case original
        /// The fast kernels (``CellWeights/run(_:reverse:from:)``), from the state the original run had
        /// at ``from`` (rows before it come out the same as the original's).
        case kernels
        /// The reference loop with the gates pinned (``CellWeights/referenceClampedRun(_:reverse:from:clamps:)``):
        /// rows before ``from`` are the original's, rows from it on are the loop's, from the original's state.
        case reference
    }

    /// How the rows are computed.
    var source: Source
    /// The gates pinned (steps of the whole run).
    var clamps: [GateClamp]
    /// The first step whose value may differ from the original run's: the edited rows start there
    /// (0 for a reverse-reading direction that is recomputed, the step count when nothing changes).
    var from: Int

    /// The plans of `network` (unedited) with `interventions`, per layer and direction, for a run of
    /// `steps` steps. `reusing` says whether the original run's rows and states may be taken over;
    /// without it every direction is recomputed from its first step.
    static func plans(network: RecurrentNetwork, interventions: [Intervention], steps: Int, reusing: Bool) -> [[EditPlan]] {
        var inputChangedFrom = reusing ? steps : 0
        var result: [[EditPlan]] = []
        for (index, directions) in network.layers.enumerated() {
            var plans: [EditPlan] = []
            for (direction, weights) in directions.enumerated() {
                let reverse = network.isReverse(direction: direction)
                let mine = interventions.filter { $0.layer == index && $0.isReverse == reverse }
                let biasShifted = mine.contains { if case .shiftBias = $0.action { true } else { false } }
                var clamps: [GateClamp] = []
                for edit in mine {
                    if case .clamp(let value, let step) = edit.action {
                        clamps.append(GateClamp(gate: Intervention.gateIndex(of: edit.gate, in: weights.kind) ?? 0,
                                                unit: edit.unit, step: step, value: value))
                    }
                }
                let computed: Source = clamps.isEmpty ? .kernels : .reference
                if biasShifted {
                    plans.append(EditPlan(source: computed, clamps: clamps, from: 0))
                } else if !reverse {
                    let start = min(inputChangedFrom, clamps.map { $0.step ?? 0 }.min() ?? steps)
                    plans.append(EditPlan(source: start >= steps ? .original : computed, clamps: clamps, from: min(start, steps)))
                } else if inputChangedFrom >= steps && clamps.isEmpty {
                    plans.append(EditPlan(source: .original, clamps: [], from: steps))
                } else {
                    plans.append(EditPlan(source: computed, clamps: clamps, from: 0))
                }
            }
            inputChangedFrom = plans.map(\.from).min() ?? steps
            result.append(plans)
        }
        return result
    }

    /// The clamps as a run of the rows `rows` sees them (steps relative to its first row), those
    /// that fall in it or apply at every step.
    func clamps(in rows: Range<Int>) -> [GateClamp] {
        clamps.compactMap { clamp in
            guard let step = clamp.step else { return clamp }
            guard rows.contains(step) else { return nil }
            return GateClamp(gate: clamp.gate, unit: clamp.unit, step: step - rows.lowerBound, value: clamp.value)
        }
    }
}
