/// What running one layer in one direction over a sequence produced.
public struct LayerRun: Sendable {
    /// Series by name, each T × width, row t the value after input position t.
    public var series: [String: Matrix]
    /// The state after the last step processed (for the reverse direction, after position 0).
    public var finalState: RecurrentState
}
