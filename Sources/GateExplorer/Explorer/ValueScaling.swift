/// How signed values (c, h, g) are mapped onto the diverging colour scale.
public enum ValueScaling: String, CaseIterable, Sendable {
    /// Each unit on its own range (the 98th percentile of |value| over the run): every unit's
    /// pattern is readable, but colours are not comparable between units.
    case perUnit
    /// One linear range for the whole series (its largest |value| over the run): colours are
    /// comparable between units, but a unit far smaller than the largest one is pale.
    case global

    /// The other scaling.
    public var toggled: ValueScaling { self == .perUnit ? .global : .perUnit }

    /// How the scaling is named on screen.
    public var label: String { self == .perUnit ? "per unit" : "one scale" }
}
