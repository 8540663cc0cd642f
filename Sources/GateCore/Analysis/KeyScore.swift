/// One unit's score for one key, before it is tied to a layer (see ``UnitSelectivity``).
public struct KeyScore: Sendable, Equatable {
    /// Mean at the key's steps minus mean at the other steps (or a correlation).
    public var score: Double
    /// The score over its standard error (see ``UnitSelectivity``).
    public var z: Double
    /// Steps that carry the key.
    public var count: Int
}
