/// A row of facts about the input, one per step (a part-of-speech tag, "inside quotes", a line
/// number…): drawn above the heatmaps, stored in traces, scored by `units --by annotation`, searched.
public struct AnnotationTrack: Sendable, Equatable {
    /// What a track holds.
    public enum Values: Sendable, Equatable {
        /// A number per step; NaN where there is none.
        case numbers([Float])
        /// A label per step; "" where there is none.
        case labels([String])
    }

    /// The track's name (its CSV column header).
    public var name: String
    /// The values, one per step.
    public var values: Values

    /// A track from its parts.
    public init(name: String, values: Values) {
        self.name = name
        self.values = values
    }

    /// Number of steps.
    public var steps: Int {
        switch values {
        case .numbers(let numbers): numbers.count
        case .labels(let labels): labels.count
        }
    }

    /// Whether the track holds numbers.
    public var isNumeric: Bool {
        if case .numbers = values { return true }
        return false
    }

    /// The track's text at `step` ("" when none): the label, or the number in short form.
    public func text(at step: Int) -> String {
        switch values {
        case .labels(let labels):
            return step >= 0 && step < labels.count ? labels[step] : ""
        case .numbers(let numbers):
            guard step >= 0, step < numbers.count, numbers[step].isFinite else { return "" }
            let value = numbers[step]
            if value == value.rounded(), abs(value) < 1e7 { return String(Int(value)) }
            return String(value)
        }
    }

    /// Steps `range` of the track.
    public func rows(_ range: Range<Int>) -> AnnotationTrack {
        switch values {
        case .numbers(let numbers):
            let clamped = range.clamped(to: 0..<numbers.count)
            return AnnotationTrack(name: name, values: .numbers(Array(numbers[clamped])))
        case .labels(let labels):
            let clamped = range.clamped(to: 0..<labels.count)
            return AnnotationTrack(name: name, values: .labels(Array(labels[clamped])))
        }
    }

    /// Labels as key ids in order of first appearance ("" gets −1: no key), and the distinct labels.
    public static func keys(of labels: [String]) -> (keys: [Int], names: [String]) {
        var ids: [String: Int] = [:]
        var names: [String] = []
        let keys = labels.map { label -> Int in
            guard !label.isEmpty else { return -1 }
            if let id = ids[label] { return id }
            ids[label] = names.count
            names.append(label)
            return names.count - 1
        }
        return (keys, names)
    }
}
