/// How strongly one unit of one layer and direction responds to one key (an input token, an
/// annotation label, or a numeric annotation track).
public struct UnitResponse: Sendable, Equatable {
    /// Layer index, 0 at the bottom.
    public var layer: Int
    /// True for the reverse direction of a bidirectional layer.
    public var isReverse: Bool
    /// Unit index, 0-based.
    public var unit: Int
    /// Which key (an index into the key list the analysis was given).
    public var key: Int
    /// The series' mean at the key's steps minus its mean at all other steps (in the series' units);
    /// for a numeric track, the Pearson correlation.
    public var score: Double
    /// The score's z: Welch's difference over its standard error, or Fisher's z·√(n−3) for a correlation.
    public var z: Double
    /// Steps that carry the key (for a numeric track: steps with a value).
    public var count: Int

    /// A response from its parts.
    public init(layer: Int, isReverse: Bool, unit: Int, key: Int, score: Double, z: Double, count: Int) {
        self.layer = layer
        self.isReverse = isReverse
        self.unit = unit
        self.key = key
        self.score = score
        self.z = z
        self.count = count
    }

    /// Stronger first: larger |score|, then the larger |z|, then lower layer, forward first, lower unit.
    public static func strongerFirst(_ a: UnitResponse, _ b: UnitResponse) -> Bool {
        if abs(a.score) != abs(b.score) { return abs(a.score) > abs(b.score) }
        if abs(a.z) != abs(b.z) { return abs(a.z) > abs(b.z) }
        if a.layer != b.layer { return a.layer < b.layer }
        if a.isReverse != b.isReverse { return !a.isReverse }
        return a.unit < b.unit
    }

    /// More significant first: larger |z|, then larger |score|, then as ``strongerFirst(_:_:)``.
    public static func moreSignificantFirst(_ a: UnitResponse, _ b: UnitResponse) -> Bool {
        if abs(a.z) != abs(b.z) { return abs(a.z) > abs(b.z) }
        return strongerFirst(a, b)
    }
}
