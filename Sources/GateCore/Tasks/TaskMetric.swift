/// A task's held-out score, with the goal a shipped model is held to.
public struct TaskMetric: Sendable, Equatable {
    /// A key for metadata, e.g. `depth_accuracy`.
    public var key: String
    /// What was measured, for people: "depth accuracy on 200 held-out strings of length 60–120".
    public var description: String
    /// The measured value.
    public var value: Double
    /// The goal: at least this when `higherIsBetter`, else at most this.
    public var goal: Double
    /// Whether larger values are better.
    public var higherIsBetter: Bool

    /// True when the value meets the goal.
    public var meetsGoal: Bool { higherIsBetter ? value >= goal : value <= goal }

    /// "depth accuracy 99.6 % (goal ≥ 99 %)" or "mse 0.0012 (goal ≤ 0.005)".
    public var summary: String {
        let relation = higherIsBetter ? "≥" : "≤"
        return "\(String(key.map { $0 == "_" ? " " : $0 })) \(TaskMetric.format(value, key: key)) (goal \(relation) \(TaskMetric.format(goal, key: key)))"
    }

    /// Percentages for accuracy-like keys, otherwise four significant digits.
    public static func format(_ value: Double, key: String) -> String {
        if key.hasSuffix("accuracy") { return formatFixed(value * 100, decimals: 1) + " %" }
        return formatSignificant(value, digits: 4)
    }

    /// `value` with a fixed number of decimals, without Foundation (huge values in Swift's notation).
    public static func formatFixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite, abs(value) < 1e12 else { return String(value) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 1e18 else { return String(value) }
        let whole = Int(scaled / scale)
        let fraction = Int(scaled - Double(whole) * scale)
        var text = (value < 0 && scaled > 0 ? "-" : "") + String(whole)
        if decimals > 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: decimals - digits.count) + digits
        }
        return text
    }

    /// `value` with about `digits` significant digits.
    public static func formatSignificant(_ value: Double, digits: Int) -> String {
        guard value != 0, value.isFinite else { return value == 0 ? "0" : String(value) }
        var magnitude = 0
        var probe = abs(value)
        while probe >= 10 { probe /= 10; magnitude += 1 }
        while probe < 1 { probe *= 10; magnitude -= 1 }
        return formatFixed(value, decimals: max(0, digits - 1 - magnitude))
    }
}

