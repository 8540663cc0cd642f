/// A small, fast, seeded pseudo-random generator (Steele, Lea & Flood 2014, "SplitMix64").
///
/// Every random choice in training goes through a value of this type that the caller owns, so the
/// same seed always gives the same sequence on every platform: there is no global state and no use
/// of the standard library's range sampling, whose algorithm may change between Swift versions.
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable {
    /// The internal state; advanced by the golden-ratio increment on every draw.
    public private(set) var state: UInt64

    /// A generator started from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform `Float` in [0, 1) with 24 random bits.
    public mutating func nextUnit() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// A uniform `Float` in [low, high).
    public mutating func nextFloat(_ low: Float, _ high: Float) -> Float {
        low + (high - low) * nextUnit()
    }

    /// A uniform integer in 0..<bound (bound > 0), by rejection so that it is exactly uniform.
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "nextInt(below:) needs a positive bound")
        let b = UInt64(bound)
        let limit = UInt64.max - UInt64.max % b
        while true {
            let value = next()
            if value < limit { return Int(value % b) }
        }
    }

    /// A uniform integer in `range` (closed).
    public mutating func nextInt(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + nextInt(below: range.count)
    }

    /// True with probability `p`.
    public mutating func nextBool(probability p: Float = 0.5) -> Bool { nextUnit() < p }

    /// An independent generator derived from this one (for a separate stream, e.g. held-out data).
    public mutating func split() -> SplitMix64 { SplitMix64(seed: next()) }
}
