import GateCanvas
import GateCore

extension ExplorerSessionApp {
    /// Width of the heatmaps on the screen (as the resize events told the explorer).
    var heatmapWidth: Int { explorer.layout.heatmapWidth }

    /// The first step in reach: 0, unless a growing run could not keep its older steps on disk
    /// (``LiveRun/reachableFrom``).
    var heldFrom: Int { live?.reachableFrom ?? 0 }

    /// Rows `range` of the run (a growing run's older steps recomputed from its checkpoints).
    func readRows(_ range: Range<Int>) throws -> NetworkTrace {
        if let live { return try live.rows(range) }
        if let source { return try source.rows(range) }
        return memoryTrace.rows(range)
    }

    /// Rows `range` with every value computed (nothing left to a background fill): for what keeps the
    /// values (recording, pattern search).
    func readCompleteRows(_ range: Range<Int>) throws -> NetworkTrace {
        if live == nil, let source { return try source.completeRows(range) }
        return try readRows(range)
    }

    /// Hands `event` down to the explorer, then gives it the rows for where its cursor went and
    /// records the move; `recordsPassed` records the steps passed over (a step, playback).
    mutating func passDown(_ event: InputEvent, recordsPassed: Bool = false) -> AppAction {
        let before = step
        explorer.state.isGrowing = isGrowing
        let action = explorer.handle(event)
        ensureRows()
        if step != before {
            isFollowing = step >= totalSteps - 1
            recordMove(from: before, passing: recordsPassed)
        }
        return action
    }

    /// Makes sure the explorer holds the rows for its cursor (the whole run, or the window around it);
    /// a cursor on a step a growing run could not keep goes to the first step in reach, with a note.
    mutating func ensureRows() {
        defer { notePendingRows() }
        if step < heldFrom {
            explorer.state.seek(to: heldFrom)
            message = forgottenNote
        }
        guard isPlanned(window, step: step, total: totalSteps),
              state.totalSteps == window.count, state.runSteps == totalSteps else {
            reload(force: true)
            return
        }
    }

    /// Reads the window for the cursor into a new run for the explorer, keeping everything else
    /// (layer, unit, sort, focus, playback, overlays).
    mutating func reload(force: Bool = false) {
        let total = totalSteps
        let step = min(max(heldFrom, self.step), max(heldFrom, total - 1))
        var wanted = plannedRows(step: step, total: total)
        guard force || wanted != window else { return }
        for _ in 0..<2 {
            let trace: NetworkTrace
            do {
                trace = try readRows(wanted)
            } catch {
                message = "cannot read steps \(wanted.lowerBound + 1)–\(wanted.upperBound): \(error)"
                return
            }
            var run = base
            run.trace = trace
            run.targets = base.targets.map { $0.rows(wanted.clamped(to: 0..<$0.rows)) }
            run.stepOffset = wanted.lowerBound
            run.windowEdges = windowEdges(of: wanted, total: total)
            run.fullSteps = total
            run.statisticsScope = wanted == 0..<total ? nil
                : "steps \(wanted.lowerBound + 1)–\(wanted.upperBound) of \(total) (this window)"
            // An app around the session (teaching) that takes a key over lists it itself.
            let taken = Set(base.extraKeyHelp.flatMap(\.handles))
            run.extraKeyHelp = Self.keyHelp.filter { $0.handles.allSatisfy { !taken.contains($0) } } + base.extraKeyHelp
            window = wanted
            explorer.state.replaceRows(with: run)
            explorer.state.seek(to: step)
            // The new window may change the layout (and so the heatmap width) only in corner cases;
            // check once.
            if isPlanned(wanted, step: step, total: total) { return }
            wanted = plannedRows(step: step, total: total)
        }
    }

    /// The states carried into `rows` from outside (``ExplorerRun/windowEdges``): forward-reading layer
    /// traces from the step before, reverse-reading ones from the step after; none that cannot be read.
    func windowEdges(of rows: Range<Int>, total: Int) -> [String: RecurrentState] {
        var edges: [String: RecurrentState] = [:]
        for (neighbour, reverse) in [(rows.lowerBound - 1, false), (rows.upperBound, true)] where neighbour >= 0 && neighbour < total {
            guard let trace = try? readRows(neighbour..<(neighbour + 1)), trace.steps == 1 else { continue }
            for layer in trace.layers where layer.isReverse == reverse {
                edges[layer.key] = RecurrentState(hidden: layer.hidden.row(0), cell: layer.series[SeriesName.cell]?.row(0) ?? [])
            }
        }
        return edges
    }

    /// The rows to hold for the cursor at `step` (``StepWindowPlan`` over the steps held).
    func plannedRows(step: Int, total: Int) -> Range<Int> {
        let from = heldFrom
        let rows = StepWindowPlan.rows(step: step - from, total: total - from, width: heatmapWidth)
        return (rows.lowerBound + from)..<(rows.upperBound + from)
    }

    /// Whether `rows` serves the cursor at `step` (``StepWindowPlan/isValid(_:step:total:width:)`` over
    /// the steps held).
    func isPlanned(_ rows: Range<Int>, step: Int, total: Int) -> Bool {
        let from = heldFrom
        guard rows.lowerBound >= from, step >= from else { return false }
        return StepWindowPlan.isValid((rows.lowerBound - from)..<(rows.upperBound - from), step: step - from,
                                      total: total - from, width: heatmapWidth)
    }

    /// Moves the cursor to step `target` of the run; `recordsPassed` records the steps passed over
    /// (a step, playback, live input) rather than only the one landed on.
    mutating func moveCursor(to target: Int, recordsPassed: Bool = true) {
        let before = step
        ensureRows()
        explorer.state.seek(to: target)
        isFollowing = step >= totalSteps - 1
        ensureRows()
        recordMove(from: before, passing: recordsPassed)
    }

    /// Records the move from `before` to the cursor, when recording.
    mutating func recordMove(from before: Int, passing: Bool) {
        guard recording != nil, step != before else { return }
        let range = passing && step > before && step - before <= max(1, heatmapWidth)
            ? (before + 1)..<(step + 1) : step..<(step + 1)
        record(range)
    }

    /// Adds steps `range` of the run to the recording (those still held).
    mutating func record(_ range: Range<Int>) {
        let range = range.clamped(to: heldFrom..<max(heldFrom, totalSteps))
        guard let current = recording, !range.isEmpty else { return }
        do {
            // One read with the neighbouring rows whose states the recording keeps: the forward
            // directions' state before a new segment, the reverse directions' after its end.
            let wantsBefore = current.startsSegment(range)
            let wantsAfter = explorer.state.run.hasReverseDirection
            let lower = wantsBefore && range.lowerBound > heldFrom ? range.lowerBound - 1 : range.lowerBound
            let upper = wantsAfter && range.upperBound < totalSteps ? range.upperBound + 1 : range.upperBound
            let read = try readCompleteRows(lower..<upper)
            let offset = range.lowerBound - lower
            let rows = read.slice(offset..<(offset + range.count))
            var before: [String: [Float]] = [:], after: [String: [Float]] = [:]
            if wantsBefore {
                before = range.lowerBound == 0 ? initialStates(reverse: false)
                    : (lower < range.lowerBound ? Self.states(of: read, row: 0, reverse: false) : [:])
            }
            if wantsAfter {
                after = range.upperBound == totalSteps && !isGrowing ? initialStates(reverse: true)
                    : (upper > range.upperBound ? Self.states(of: read, row: read.steps - 1, reverse: true) : [:])
            }
            try recording?.add(rows, steps: range, before: before, after: after)
        } catch {
            message = "recording: steps \(range.lowerBound + 1)–\(range.upperBound): \(error)"
        }
    }

    /// Replaces the in-memory run with an edited one (the hook for what-if edits: a clamped gate or
    /// a shifted bias re-runs the network from the edited step); the cursor stays, and a recording in
    /// progress notes the edit and records the edited rows from here on.
    public mutating func replaceRun(_ trace: NetworkTrace, describing edit: String) {
        guard source == nil else { return }
        live = nil
        memoryTrace = trace
        recording?.noteEdit(edit)
        reload(force: true)
    }

    /// The live run for a growing run (typing, live input), from the run so far; false when the
    /// network cannot grow the run.
    @discardableResult
    mutating func makeLiveRun() -> Bool {
        if live != nil { return true }
        guard canGrow, let network = base.network else { return false }
        let trace = memoryTrace
        let input = trace.input.rows == 0 ? Matrix(rows: 0, columns: network.embedding?.columns ?? network.inputSize) : trace.input
        let makeStore = makeLiveStore ?? { _, columns in MemoryRowStore(columns: columns) }
        guard let made = try? LiveRun(network: network, input: input, tokens: trace.tokens, makeStore: makeStore) else { return false }
        live = made
        memoryTrace = NetworkTrace(input: Matrix(rows: 0, columns: 0), layers: [])
        if made.storeError != nil { message = forgottenNote }
        return true
    }

    /// Appends input rows to the run (live input, typing) and moves the cursor along when following;
    /// beyond the history held in memory, the oldest steps are let go (``LiveRun/trim(keeping:)``):
    /// they stay in reach, recomputed from checkpoints.
    mutating func appendRows(_ input: Matrix, tokens: [Int]?) {
        guard input.rows > 0, makeLiveRun(), let live else { return }
        do {
            try live.append(input, tokens: tokens)
        } catch {
            message = "cannot step the new input: \(error)"
        }
        let wasEmpty = state.totalSteps == 0
        // Before the first step there is no step to have recorded.
        let before = wasEmpty ? -1 : step
        ensureRows()
        if isFollowing || wasEmpty { explorer.state.seek(to: totalSteps - 1) }
        // Following live rows or typing, every new step is recorded, however many arrived at once.
        if isFollowing, step > before { record((before + 1)..<(step + 1)) } else { recordMove(from: before, passing: true) }
        live.trim(keeping: historyLimit(for: live.recent))
        if heldFrom > 0 { message = forgottenNote }
        ensureRows()
    }

    /// Steps a growing run holds in memory: about ``liveHistoryBytes`` of rows like `trace`'s (at
    /// least 4096, at most ``liveHistoryLimit``).
    func historyLimit(for trace: NetworkTrace) -> Int {
        let floats = trace.input.columns + (trace.output?.columns ?? 0) + 2
            + trace.layers.reduce(0) { sum, layer in sum + layer.series.values.reduce(0) { $0 + $1.columns } }
        return min(liveHistoryLimit, max(4096, liveHistoryBytes / (4 * floats)))
    }

    /// What the status line says when a growing run could not keep its older steps on disk.
    var forgottenNote: String {
        let reason = live?.storeError.map { " (\($0))" } ?? ""
        let kept = live.map { historyLimit(for: $0.recent) } ?? liveHistoryLimit
        let lost = heldFrom > 0 ? "steps 1–\(heldFrom) are no longer held" : "older steps will not stay in reach"
        return "\(lost): they could not be kept on disk\(reason); the newest \(kept) steps stay in memory"
    }
}

extension ExplorerSessionApp {
    /// Moves the cursor to step `target` of the whole run (clamped), as a jump.
    public mutating func jump(to target: Int) {
        moveCursor(to: target, recordsPassed: false)
    }

    /// The explorer's whole screen at the cursor, `width` × `height` in `mode` (for exports such as
    /// `render --format cast --explorer`).
    public mutating func frame(width: Int, height: Int, mode: ColorMode = .truecolor) -> CellBuffer {
        if explorer.screen != ScreenGeometry(width: width, height: height, colorMode: mode) {
            begin(colorMode: mode)
            _ = handle(.resize(width: width, height: height))
        }
        var buffer = CellBuffer(width: width, height: height, colorMode: mode)
        render(into: &buffer)
        return buffer
    }
}
