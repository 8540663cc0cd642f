import GateCanvas
import GateCore

/// The side-by-side view's state: several runs over the same input (LSTM, GRU and RNN twins), one
/// cursor for all of them, one selected unit number.
public struct TwinsState: Sendable, PlaybackState {
    /// The runs, left to right.
    public let runs: [ExplorerRun]
    /// The selected unit (0-based; clamped per model).
    public internal(set) var selectedUnit = 0
    /// The step, play or pause and the speed.
    public internal(set) var playback = Playback(speedIndex: 3)
    /// Whether the help overlay is open.
    public internal(set) var showsHelp = false
    /// Whether numbers show 6 decimals.
    public internal(set) var showsExactNumbers = false
    /// The colour scales.
    public internal(set) var palette: ExplorerPalette
    /// The layer shown in every column (0-based position in each run's layers, clamped per run; `[` `]`).
    public internal(set) var layerPosition = 0

    /// A state at the first step; `runs` should share their input.
    public init(runs: [ExplorerRun], palette: ExplorerPalette = .standard) {
        self.runs = runs
        self.palette = palette
        selectedUnit = max(0, runs.first?.suggestedUnit ?? 0)
        layerPosition = max(0, layerCount - 1)
    }

    /// The most layers any run has.
    public var layerCount: Int { runs.map(\.layerIndices.count).max() ?? 0 }

    /// The trace layer (as in the trace) `run` shows: the selected position, or its top layer when it has fewer.
    public func layerIndex(for run: ExplorerRun) -> Int {
        guard !run.layerIndices.isEmpty else { return 0 }
        return run.layerIndices[min(layerPosition, run.layerIndices.count - 1)]
    }

    /// Steps shared by every run (the shortest).
    public var totalSteps: Int { runs.map(\.steps).min() ?? 0 }

    /// The most units any run has.
    public var largestUnitCount: Int { runs.compactMap { $0.trace.layers.first?.hiddenSize }.max() ?? 0 }

    /// Decimals shown.
    public var decimals: Int { showsExactNumbers ? 6 : 2 }

    /// Applies the explorer's command for a key (the same keys as the one-model explorer).
    public mutating func apply(_ command: ExplorerCommand) -> AppAction {
        if let done = playback.applyShared(command, showsHelp: &showsHelp, total: totalSteps) { return done }
        switch command {
        case .previousUnit: selectedUnit = max(0, selectedUnit - 1)
        case .nextUnit: selectedUnit = min(max(0, largestUnitCount - 1), selectedUnit + 1)
        // Layers cycle, as in every other screen (`]` on the top layer gives the first).
        case .previousLayer: layerPosition = layerPosition.cycled(by: -1, count: layerCount)
        case .nextLayer: layerPosition = layerPosition.cycled(by: 1, count: layerCount)
        case .togglePalette: palette = palette.toggled
        case .toggleExactNumbers: showsExactNumbers.toggle()
        case .toggleHelp: showsHelp = true
        case .quit: return .quit
        default: break
        }
        return .continue
    }

    /// One playback tick.
    public mutating func tick() {
        guard !showsHelp else { return }
        playback.tick(total: totalSteps)
    }
}
