import GateCanvas
import GateCore

/// The side-by-side view's state: several runs over the same input (LSTM, GRU and RNN twins), one
/// cursor for all of them, one selected unit number.
public struct TwinsState: Sendable {
    /// The runs, left to right.
    public let runs: [ExplorerRun]
    /// The current step, shared.
    public internal(set) var step = 0
    /// The selected unit (0-based; clamped per model).
    public internal(set) var selectedUnit = 0
    /// Whether playback runs.
    public internal(set) var isPlaying = false
    /// Index into `ExplorerState.speeds`.
    public internal(set) var speedIndex = 3
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

    /// Steps per second while playing.
    public var speed: Int { ExplorerState.speeds[speedIndex] }

    /// Decimals shown.
    public var decimals: Int { showsExactNumbers ? 6 : 2 }

    /// Applies the explorer's command for a key (the same keys as the one-model explorer).
    public mutating func apply(_ command: ExplorerCommand) -> AppAction {
        if showsHelp {
            if command == .quit { return .quit }
            if command == .toggleHelp || command == .closeOverlay { showsHelp = false }
            return .continue
        }
        let last = max(0, totalSteps - 1)
        switch command {
        case .stepForward: step = min(last, step + 1)
        case .stepBack: step = max(0, step - 1)
        case .firstStep: step = 0
        case .lastStep: step = last
        case .togglePlay:
            if !isPlaying && step >= last { step = 0 }
            isPlaying.toggle()
        case .faster: speedIndex = min(ExplorerState.speeds.count - 1, speedIndex + 1)
        case .slower: speedIndex = max(0, speedIndex - 1)
        case .previousUnit: selectedUnit = max(0, selectedUnit - 1)
        case .nextUnit: selectedUnit = min(max(0, largestUnitCount - 1), selectedUnit + 1)
        case .previousLayer: layerPosition = max(0, layerPosition - 1)
        case .nextLayer: layerPosition = min(max(0, layerCount - 1), layerPosition + 1)
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
        guard isPlaying, !showsHelp else { return }
        if step + 1 < totalSteps { step += 1 } else { isPlaying = false }
    }
}
