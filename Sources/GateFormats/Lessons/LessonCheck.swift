import Foundation

/// A claim a stop's narration makes about the model, checked by `gatescope lesson --check`:
/// `check: SERIES unit U at t T OP VALUE` — "c unit 1 at t 26 = -2.04 ± 0.01", "f unit 1 at t 9 < 0.1".
/// Units and steps are 1-based, as the explorer shows them; layer, direction (and for a ConvLSTM the
/// pixel) come from the stop.
public struct LessonCheck: Sendable, Equatable {
    /// How the measured value is compared.
    public enum Comparison: Sendable, Equatable {
        /// Below the value.
        case less
        /// Above the value.
        case greater
        /// Within `tolerance` of the value.
        case equal(tolerance: Float)
    }

    /// The series letter as written: f i g o c h (LSTM), r z n h (GRU), h (RNN), `y` or `grad`.
    public var series: String
    /// The unit (for a ConvLSTM: the channel), 1-based; for `y`, the output.
    public var unit: Int
    /// The step, 1-based.
    public var step: Int
    /// The word before the unit as written: "unit", or "channel" on a ConvLSTM stop, "output" for `y`.
    public var unitWord = "unit"
    /// The comparison.
    public var comparison: Comparison
    /// The value compared against.
    public var value: Float
    /// The line of the `check:` line.
    public var line: Int

    /// Series letters a check may name.
    public static let seriesWords = ["f", "i", "g", "o", "c", "h", "r", "z", "n", "y", "grad"]

    /// A check from its parts.
    public init(series: String, unit: Int, step: Int, comparison: Comparison, value: Float, line: Int) {
        self.series = series
        self.unit = unit
        self.step = step
        self.comparison = comparison
        self.value = value
        self.line = line
    }

    /// Parses the value of a `check:` line; the message says what the right form is.
    public static func parse(_ text: String, line: Int, file: String) throws(LessonSyntaxError) -> LessonCheck {
        func fail(_ message: String) -> LessonSyntaxError { LessonSyntaxError(file: file, line: line, message: message) }
        let usage = "check is 'SERIES unit U at t T OP VALUE' (OP '<', '>' or '= VALUE ± TOL'), for example 'c unit 1 at t 26 = -2.04 ± 0.01'"
        let spaced = text.replacingOccurrences(of: "±", with: " ± ").replacingOccurrences(of: "+/-", with: " ± ")
            .replacingOccurrences(of: "<", with: " < ").replacingOccurrences(of: ">", with: " > ")
            .replacingOccurrences(of: "=", with: " = ").replacingOccurrences(of: "−", with: "-")
        let words = spaced.split(separator: " ").map(String.init)
        guard words.count >= 7 else { throw fail(usage + ", not '\(text)'") }
        let series = words[0].lowercased()
        guard seriesWords.contains(series) else {
            throw fail("check: unknown series '\(words[0])'; use one of " + seriesWords.joined(separator: " "))
        }
        guard ["unit", "channel", "output"].contains(words[1].lowercased()), let unit = Int(words[2]), unit >= 1 else {
            throw fail("check: expected 'unit U' (a whole number ≥ 1) after '\(words[0])'; " + usage)
        }
        guard words[3].lowercased() == "at", words[4].lowercased() == "t", let step = Int(words[5]), step >= 1 else {
            throw fail("check: expected 'at t T' (a step ≥ 1) after 'unit \(unit)'; " + usage)
        }
        let op = words[6]
        func number(_ word: String) -> Float? { Float(word).flatMap { $0.isFinite ? $0 : nil } }
        switch op {
        case "<", ">":
            guard words.count == 8, let value = number(words[7]) else {
                throw fail("check: '\(op)' needs one number after it; " + usage)
            }
            var check = LessonCheck(series: series, unit: unit, step: step, comparison: op == "<" ? .less : .greater,
                                    value: value, line: line)
            check.unitWord = words[1].lowercased()
            return check
        case "=":
            guard words.count == 10, let value = number(words[7]), words[8] == "±", let tolerance = number(words[9]), tolerance >= 0 else {
                throw fail("check: '=' needs 'VALUE ± TOL' (for example '= -2.04 ± 0.01'); " + usage)
            }
            var check = LessonCheck(series: series, unit: unit, step: step, comparison: .equal(tolerance: tolerance),
                                    value: value, line: line)
            check.unitWord = words[1].lowercased()
            return check
        default:
            throw fail("check: the comparison is '<', '>' or '=', not '\(op)'; " + usage)
        }
    }

    /// Whether `measured` satisfies the check.
    public func holds(for measured: Float) -> Bool {
        guard measured.isFinite else { return false }
        switch comparison {
        case .less: return measured < value
        case .greater: return measured > value
        case .equal(let tolerance): return abs(measured - value) <= tolerance + 1e-6
        }
    }

    /// "c unit 1 at t 26".
    public var subject: String { "\(series) \(unitWord) \(unit) at t \(step)" }

    /// What was claimed, as written: "> -1.54", "= -2.04 ± 0.01".
    public var claim: String {
        switch comparison {
        case .less: "< \(Self.format(value))"
        case .greater: "> \(Self.format(value))"
        case .equal(let tolerance): "= \(Self.format(value)) ± \(Self.format(tolerance))"
        }
    }

    /// "check failed: c unit 1 at t 26 is -2.04, not > -1.54".
    public func failure(measured: Float) -> String {
        "check failed: \(subject) is \(Self.format(measured)), not \(claim)"
    }

    /// A number as a check message shows it: 2 decimals, more for small magnitudes, scientific below 1e-3.
    public static func format(_ value: Float) -> String {
        guard value.isFinite else { return "\(value)" }
        let magnitude = abs(value)
        if magnitude != 0 && magnitude < 0.001 { return String(format: "%.2e", Double(value)) }
        if magnitude != 0 && magnitude < 0.1 { return String(format: "%.4f", Double(value)) }
        return String(format: "%.2f", Double(value))
    }
}
