import GateCanvas
/// Parses the step and unit selections of `gatescope render` and `gatescope diff`.
///
/// Steps and units are numbered from 0, as rows and columns of the trace tensors are.
public enum RenderSelection {
    /// A Python-style slice `a:b` of `0..<count` (`b` exclusive; either side may be omitted; negative
    /// numbers count from the end), or a single step `a`. Nil text selects everything.
    public static func steps(_ text: String?, count: Int) throws -> Range<Int> {
        guard let text, !text.isEmpty else { return 0..<count }
        func bound(_ part: Substring, _ fallback: Int) throws -> Int {
            let trimmed = part.trimmingSpaces
            if trimmed.isEmpty { return fallback }
            guard let value = Int(trimmed) else { throw SelectionError("--steps '\(text)': '\(trimmed)' is not a whole number; write a:b, e.g. 0:100") }
            return value < 0 ? count + value : value
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        let range: Range<Int>
        switch parts.count {
        case 1:
            let step = try bound(parts[0], 0)
            range = step..<(step + 1)
        case 2:
            let low = try bound(parts[0], 0), high = try bound(parts[1], count)
            guard low < high else { throw SelectionError("--steps '\(text)' selects no steps; write a:b with a < b") }
            range = low..<high
        default:
            throw SelectionError("--steps '\(text)' has \(parts.count - 1) colons; write a:b, e.g. 0:100")
        }
        guard range.lowerBound >= 0, range.upperBound <= count else {
            throw SelectionError("--steps '\(text)' is outside the trace's \(count) steps (0:\(count))")
        }
        return range
    }

    /// A list of units like `0,3,5-9` within `0..<count`, in the order given, without repeats.
    /// Nil text selects every unit.
    public static func units(_ text: String?, count: Int) throws -> [Int] {
        guard let text, !text.isEmpty else { return Array(0..<count) }
        var result: [Int] = []
        for item in text.split(separator: ",") {
            let piece = item.trimmingSpaces
            let ends = piece.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            guard let low = Int(ends[0].trimmingSpaces), let high = ends.count == 2 ? Int(ends[1].trimmingSpaces) : low, low <= high else {
                throw SelectionError("--units '\(text)': '\(piece)' is not a unit or a range like 5-9")
            }
            guard low >= 0, high < count else {
                throw SelectionError("--units '\(text)': unit \(low < 0 ? low : high) is outside 0-\(count - 1)")
            }
            for unit in low...high where !result.contains(unit) { result.append(unit) }
        }
        guard !result.isEmpty else { throw SelectionError("--units '\(text)' selects no units") }
        return result
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
