import GateCore
import GateExplorer

/// The first `steps` steps of a run: two runs of different lengths are compared over their common prefix.
struct PrefixRowSource: ExplorerRowSource {
    /// The whole run.
    let base: any ExplorerRowSource
    /// Steps kept.
    let steps: Int

    func rows(_ range: Range<Int>) throws -> NetworkTrace {
        try base.rows(range.clamped(to: 0..<steps))
    }

    var tokens: [Int]? { base.tokens.map { Array($0.prefix(steps)) } }

    var annotations: [AnnotationTrack] { base.annotations.map { $0.rows(0..<steps) } }

    var pendingProgress: Double? { base.pendingProgress }

    var pendingNote: String? { base.pendingNote }

    func poll() -> Bool { base.poll() }

    func completeRows(_ range: Range<Int>) throws -> NetworkTrace {
        try base.completeRows(range.clamped(to: 0..<steps))
    }
}
