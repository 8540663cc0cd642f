import GateCanvas
/// The teaching view shown with (or instead of) the explorer's panels.
public enum TeachingView: String, Sendable, CaseIterable {
    /// Only the explorer (and the narration in a lesson).
    case explorer
    /// The gradient-flow view: Π f per unit and ‖∂y/∂state‖ against distance, log scale.
    case gradient
    /// The what-if view: the edited run against the original and their difference.
    case whatif
    /// The live cell diagram: the selected unit's numbers on Olah's picture of the cell.
    case diagram
}
