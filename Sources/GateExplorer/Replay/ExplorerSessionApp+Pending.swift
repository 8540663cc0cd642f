import GateCanvas
import GateCore

extension ExplorerSessionApp {
    /// How often a session whose rows are partly being computed in the background looks for them.
    static let pendingPollInterval = Duration.milliseconds(100)

    /// Whether some rows are still being computed in the background (``ExplorerRowSource/pendingProgress``).
    var hasPendingRows: Bool { source?.pendingProgress != nil }

    /// Takes in rows a background computation finished, and reads the window again.
    mutating func pollPendingRows() {
        defer { notePendingRows() }
        guard let source, source.poll() else { return }
        reload(force: true)
    }

    /// Tells the explorer what its NaN rows wait for (``ExplorerState/pendingNote``).
    mutating func notePendingRows() {
        explorer.state.pendingNote = pendingPercent.map { "\(source?.pendingNote ?? "computing in the background"), \($0) %" }
    }

    /// The background computation's progress in whole percent.
    var pendingPercent: Int? {
        source?.pendingProgress.map { Int((min(max($0, 0), 1) * 100).rounded(.down)) }
    }

    /// The status line's badge while rows are computed in the background: `← computing 37 %`.
    var pendingBadge: String? {
        pendingPercent.map { "← computing \($0) %" }
    }

    /// The whole note on the bottom line while the layer shown, or a band of every layer, is not
    /// computed yet (its rows are NaN).
    var pendingLine: String? {
        guard let percent = pendingPercent,
              state.showsAllLayers || state.layer.hidden.values.first?.isNaN == true else { return nil }
        return "\(source?.pendingNote ?? "computing in the background"), \(percent) % · its rows show × until then"
    }
}
