extension Int {
    /// `value` rounded toward zero and clamped to `Int`'s range, with `nan` for NaN: never traps,
    /// unlike `Int(_:)`, so any float read from a file can become a cell count or an index.
    public init(saturating value: Double, nan: Int = 0) {
        if value.isNaN {
            self = nan
        } else if value >= 0x1p63 {
            self = .max
        } else if value < -0x1p63 {
            self = .min
        } else {
            self = Int(value)
        }
    }

    /// `value` rounded toward zero and clamped to `Int`'s range, with `nan` for NaN (never traps).
    public init(saturating value: Float, nan: Int = 0) {
        self.init(saturating: Double(value), nan: nan)
    }
}
