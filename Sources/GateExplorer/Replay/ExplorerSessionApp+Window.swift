import GateCanvas
import GateCore

extension ExplorerSessionApp {
    /// Width of the heatmaps on the screen (as the resize events told the explorer).
    var heatmapWidth: Int { explorer.layout.heatmapWidth }

    /// Rows `range` of the run.
    func readRows(_ range: Range<Int>) throws -> NetworkTrace {
        if let stepper { return stepper.trace.rows(range) }
        if let source { return try source.rows(range) }
        return memoryTrace.rows(range)
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

    /// Makes sure the explorer holds the rows for its cursor (the whole run, or the window around it).
    mutating func ensureRows() {
        guard StepWindowPlan.isValid(window, step: step, total: totalSteps, width: heatmapWidth),
              state.totalSteps == window.count, state.runSteps == totalSteps else {
            reload(force: true)
            return
        }
    }

    /// Reads the window for the cursor into a new run for the explorer, keeping everything else
    /// (layer, unit, sort, focus, playback, overlays).
    mutating func reload(force: Bool = false) {
        let total = totalSteps
        let step = min(max(0, self.step), max(0, total - 1))
        var wanted = StepWindowPlan.rows(step: step, total: total, width: heatmapWidth)
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
            if StepWindowPlan.isValid(wanted, step: step, total: total, width: heatmapWidth) { return }
            wanted = StepWindowPlan.rows(step: step, total: total, width: heatmapWidth)
        }
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

    /// Adds steps `range` of the run to the recording.
    mutating func record(_ range: Range<Int>) {
        guard recording != nil else { return }
        do {
            let rows = try readRows(range)
            recording?.add(rows, steps: range)
        } catch {
            message = "recording: cannot read steps \(range.lowerBound + 1)–\(range.upperBound): \(error)"
        }
    }

    /// Replaces the in-memory run with an edited one (the hook for what-if edits: a clamped gate or
    /// a shifted bias re-runs the network from the edited step); the cursor stays, and a recording in
    /// progress notes the edit and records the edited rows from here on.
    public mutating func replaceRun(_ trace: NetworkTrace, describing edit: String) {
        guard source == nil else { return }
        stepper = nil
        memoryTrace = trace
        recording?.noteEdit(edit)
        reload(force: true)
    }

    /// A stepper for a growing run (typing, live input); nil when the network cannot grow the run.
    @discardableResult
    mutating func makeStepper() -> Bool {
        if stepper != nil { return true }
        guard canGrow, let network = base.network else { return false }
        let trace = memoryTrace
        guard let made = try? SequenceStepper(network: network, input: trace.input.rows == 0
            ? Matrix(rows: 0, columns: network.embedding?.columns ?? network.inputSize) : trace.input,
            tokens: trace.tokens) else { return false }
        stepper = made
        memoryTrace = NetworkTrace(input: Matrix(rows: 0, columns: 0), layers: [])
        return true
    }

    /// Appends input rows to the run (live input, typing) and moves the cursor along when following.
    mutating func appendRows(_ input: Matrix, tokens: [Int]?) {
        guard input.rows > 0, makeStepper(), var current = stepper else { return }
        stepper = nil
        do {
            try current.append(input, tokens: tokens)
        } catch {
            message = "cannot step the new input: \(error)"
        }
        stepper = current
        let before = step
        let wasEmpty = state.totalSteps == 0
        ensureRows()
        if isFollowing || wasEmpty { explorer.state.seek(to: totalSteps - 1) }
        ensureRows()
        recordMove(from: before, passing: true)
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
