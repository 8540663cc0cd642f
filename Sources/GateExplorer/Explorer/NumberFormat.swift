import GateCanvas
import GateCore
/// Compact, allocation-light number formatting for the explorer's labels (no locale, no Foundation).
public enum NumberFormat {
    /// `value` with `digits` decimals: "0.91", "-0.15", "12.00"; very large values fall back to
    /// Swift's own description, non-finite ones to "nan", "inf", "-inf".
    public static func fixed(_ value: Float, _ digits: Int = 2) -> String {
        fixed(Double(value), digits)
    }

    /// `value` with `digits` decimals (see the `Float` version).
    public static func fixed(_ value: Double, _ digits: Int = 2) -> String {
        TaskMetric.formatFixed(value, decimals: max(0, digits))
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
