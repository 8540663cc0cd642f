import GateCanvas
import GateCore

extension NetworkTrace: ExplorerRowSource {
    /// Rows `range` of every series, the input, the output and the tokens (the whole trace when
    /// `range` covers it).
    public func rows(_ range: Range<Int>) -> NetworkTrace {
        range == 0..<steps ? self : slice(range)
    }
}
