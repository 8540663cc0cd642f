import GateCore

/// The `u` list: the units that respond most to one input token, with the line selected.
public struct TokenUnitList: Sendable, Equatable {
    /// The token (an id in the run's vocabulary).
    public var token: Int
    /// The units, strongest first.
    public var items: [UnitResponse]
    /// The selected line.
    public var selected: Int

    /// A list with its first line selected.
    public init(token: Int, items: [UnitResponse]) {
        self.token = token
        self.items = items
        selected = 0
    }
}
