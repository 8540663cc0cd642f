/// What a lesson stop shows under the explorer.
public enum LessonView: String, Sendable, CaseIterable {
    /// The explorer's panels and the narration.
    case explorer
    /// The gradient-flow view (Π f and ‖∂y/∂c_t‖ against distance).
    case gradient
    /// The what-if view (edited run against the original).
    case whatif
    /// The live cell diagram (the selected unit's numbers on the tutorials' picture of the cell).
    case diagram
}
