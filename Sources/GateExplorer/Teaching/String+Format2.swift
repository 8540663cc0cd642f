import GateCanvas
extension String {
    /// `value` with exactly two decimals ("0.50", "-1.25"), without Foundation; huge values in
    /// Swift's own notation and non-finite ones as "nan"/"inf" (never traps).
    init(format2 value: Double) {
        self = NumberFormat.fixed(value, 2)
    }
}
