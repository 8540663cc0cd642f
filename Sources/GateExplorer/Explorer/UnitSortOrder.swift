import GateCanvas
/// The order in which units are listed in the panels; `s` cycles through them.
public enum UnitSortOrder: String, CaseIterable, Sendable {
    /// By index, as in the weights.
    case index
    /// Most active first (variance of h over the run).
    case activity
    /// Most saturated gates first (fraction of steps below 0.1 or above 0.9).
    case saturation
    /// Longest memory first (time constant −1/ln(mean f)).
    case memory

    /// How the order is named on screen.
    public var label: String {
        switch self {
        case .index: "by index"
        case .activity: "by activity"
        case .saturation: "by saturation"
        case .memory: "by memory τ"
        }
    }

    /// The next order in the cycle.
    public var next: UnitSortOrder {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// Unit indices in this order (ties keep index order).
    public func arrange(_ statistics: UnitStatistics) -> [Int] {
        let units = Array(0..<statistics.unitCount)
        let key: (Int) -> Float
        switch self {
        case .index:
            return units
        case .activity:
            key = { statistics.activity[$0] }
        case .saturation:
            key = { statistics.overallSaturation(unit: $0) ?? 0 }
        case .memory:
            key = { statistics.memoryTimeConstant(unit: $0) ?? 0 }
        }
        let keys = units.map { key($0).isNaN ? -Float.infinity : key($0) }
        return units.sorted { keys[$0] != keys[$1] ? keys[$0] > keys[$1] : $0 < $1 }
    }
}
