import GateCanvas
/// Compact, allocation-light number formatting for the explorer's labels (no locale, no Foundation).
public enum NumberFormat {
    /// `value` with `digits` decimals: "0.91", "-0.15", "12.00"; very large values fall back to
    /// Swift's own description, non-finite ones to "nan", "inf", "-inf".
    public static func fixed(_ value: Float, _ digits: Int = 2) -> String {
        fixed(Double(value), digits)
    }

    /// `value` with `digits` decimals (see the `Float` version).
    public static func fixed(_ value: Double, _ digits: Int = 2) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        guard abs(value) < 1e12 else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<max(0, digits) { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let negative = value < 0 && scaled > 0
        let whole = Int(scaled / scale)
        var text = (negative ? "-" : "") + String(whole)
        if digits > 0 {
            let fraction = Int(scaled - Double(whole) * scale)
            var digitsText = String(fraction)
            while digitsText.count < digits { digitsText = "0" + digitsText }
            text += "." + digitsText
        }
        return text
    }

    /// Like `fixed`, with a leading space for non-negative numbers so columns line up: " 0.91", "-0.15".
    public static func signedAligned(_ value: Float, _ digits: Int = 2) -> String {
        let text = fixed(value, digits)
        return text.hasPrefix("-") ? text : " " + text
    }

    /// A negative number in parentheses for sums: "(-0.15)"; non-negative numbers as they are.
    public static func term(_ value: Float, _ digits: Int = 2) -> String {
        let text = fixed(value, digits)
        return text.hasPrefix("-") ? "(" + text + ")" : text
    }

    /// A fraction as a whole percentage: 0.913 → "91%"; 1e18 → "1e+20%" (never traps).
    public static func percent(_ fraction: Float) -> String {
        guard fraction.isFinite else { return "–" }
        guard abs(fraction) < 1e9 else { return "\(fraction * 100)%" }
        return fixed(Double(fraction) * 100, 0) + "%"
    }

    /// `value` right-aligned in `width` columns (never cut).
    public static func padLeft(_ text: String, _ width: Int) -> String {
        let missing = width - text.count
        return missing > 0 ? String(repeating: " ", count: missing) + text : text
    }

    /// `text` left-aligned in `width` columns (never cut).
    public static func padRight(_ text: String, _ width: Int) -> String {
        let missing = width - text.count
        return missing > 0 ? text + String(repeating: " ", count: missing) : text
    }
}
