import GateCanvas
/// Parses the step and unit selections of `gatescope render`.
///
/// Steps and units are numbered from 1, as the explorer shows them (`t=1` is the first step, unit 1
/// the trace's column 0); the ranges returned are 0-based rows and columns of the trace tensors.
public enum RenderSelection {
    /// Steps `a:b`, `a` through `b` inclusive (either side may be omitted: the first or last step;
    /// a negative number counts back from the end, −1 being the last step), or a single step `a`, as
    /// 0-based rows of `0..<count`. Nil text selects everything.
    public static func steps(_ text: String?, count: Int) throws -> Range<Int> {
        guard let text, !text.isEmpty else { return 0..<count }
        let example = "write a:b with steps from 1, e.g. 1:100"
        func number(_ part: Substring, _ fallback: Int) throws -> Int {
            let trimmed = part.trimmingSpaces
            if trimmed.isEmpty { return fallback }
            guard let value = Int(trimmed) else {
                if isWholeNumber(trimmed) {
                    throw SelectionError("--steps '\(text)': '\(trimmed)' is too large; the trace's steps are 1:\(count) (or -1 for the last)")
                }
                throw SelectionError("--steps '\(text)': '\(trimmed)' is not a whole number; \(example)")
            }
            guard value != 0 else { throw SelectionError("--steps '\(text)': steps count from 1 (or from the end with −1); \(example)") }
            return value < 0 ? count + 1 + value : value
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let first: Int, last: Int
        switch parts.count {
        case 1:
            first = try number(parts[0], 1)
            last = first
        case 2:
            first = try number(parts[0], 1)
            last = try number(parts[1], count)
            guard first <= last else { throw SelectionError("--steps '\(text)' selects no steps; write a:b with a ≤ b") }
        default:
            throw SelectionError("--steps '\(text)' has \(parts.count - 1) colons; \(example)")
        }
        guard first >= 1, last <= count else {
            throw SelectionError("--steps '\(text)' is outside the trace's \(count) steps (1:\(count))")
        }
        return (first - 1)..<last
    }

    /// A list of units like `1,4,6-10` (numbered from 1) within the trace's `count`, in the order
    /// given, without repeats, as 0-based columns. Nil text selects every unit.
    public static func units(_ text: String?, count: Int) throws -> [Int] {
        guard let text, !text.isEmpty else { return Array(0..<count) }
        var result: [Int] = []
        for item in text.split(separator: ",") {
            let piece = item.trimmingSpaces
            let ends = piece.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            if let huge = ends.map(\.trimmingSpaces).first(where: { isWholeNumber($0) && Int($0) == nil }) {
                throw SelectionError("--units '\(text)': '\(huge)' is too large; units are 1-\(count)")
            }
            guard let low = Int(ends[0].trimmingSpaces), let high = ends.count == 2 ? Int(ends[1].trimmingSpaces) : low, low <= high else {
                throw SelectionError("--units '\(text)': '\(piece)' is not a unit or a range like 5-9")
            }
            guard low >= 1, high <= count else {
                throw SelectionError("--units '\(text)': unit \(low < 1 ? low : high) is outside 1-\(count) (units count from 1)")
            }
            for unit in (low - 1)...(high - 1) where !result.contains(unit) { result.append(unit) }
        }
        guard !result.isEmpty else { throw SelectionError("--units '\(text)' selects no units") }
        return result
    }

    /// Whether `text` is written as a whole number (an optional minus sign and digits), however
    /// large: one that `Int` cannot hold is too large rather than not a number.
    static func isWholeNumber(_ text: String) -> Bool {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }
}

extension Substring {
    /// The text without leading and trailing spaces.
    fileprivate var trimmingSpaces: String {
        var text = String(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}
