import GateCanvas
extension String {
    /// `value` with exactly two decimals ("0.50", "-1.25"), without Foundation.
    init(format2 value: Double) {
        let negative = value < 0
        let cents = Int((abs(value) * 100).rounded())
        let fraction = cents % 100
        self = (negative && cents > 0 ? "-" : "") + "\(cents / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
    }
}
