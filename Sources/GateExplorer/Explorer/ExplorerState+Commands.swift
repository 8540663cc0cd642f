import GateCanvas
extension ExplorerState {
    /// Applies `command`; `viewport` tells page sizes and focus targets of the current screen.
    /// Returns `.quit` for the quit command.
    public mutating func apply(_ command: ExplorerCommand, viewport: ExplorerViewport) -> AppAction {
        if let done = playback.applyShared(command, showsHelp: &showsHelp, total: runSteps, growing: isGrowing) { return done }
        switch command {
        case .stepForward, .stepBack, .togglePlay, .faster, .slower, .firstStep, .lastStep: break   // playback, above
        case .previousUnit:
            if focus == .inspector { inspectorScroll = max(0, inspectorScroll - 1) } else { moveSelection(by: -1) }
        case .nextUnit:
            if focus == .inspector {
                inspectorScroll = min(viewport.inspectorScrollLimit, inspectorScroll + 1)
            } else {
                moveSelection(by: 1)
            }
        case .previousUnitPage: moveSelection(by: -viewport.unitsPerPage)
        case .nextUnitPage: moveSelection(by: viewport.unitsPerPage)
        case .nextFocus: cycleFocus(by: 1, targets: viewport.focusTargets)
        case .previousFocus: cycleFocus(by: -1, targets: viewport.focusTargets)
        case .cycleSort:
            if tokenSort != nil { tokenSort = nil } else { sortOrder = sortOrder.next }
        case .previousLayer: switchLayer(by: -1)
        case .nextLayer: switchLayer(by: 1)
        case .toggleDirection:
            if run.trace.layer(layerIndex, reverse: !isReverse) != nil {
                isReverse.toggle()
                clampSelection()
            }
        case .togglePalette: palette = palette.toggled
        case .toggleValueScaling: valueScaling = valueScaling.toggled
        case .openGoTo: goTo = GoToPrompt()
        case .toggleInspector:
            inspectorChoice = !(inspectorChoice ?? false)
            if inspectorChoice == false && focus == .inspector { focus = .panel(0) }
        case .toggleExactNumbers: showsExactNumbers.toggle()
        case .toggleDiagram: showsDiagram.toggle()
        case .toggleRevealAll: revealsAllSteps.toggle()
        case .toggleAllLayers: showsAllLayers = hasBands && !showsAllLayers
        case .cycleBandContent:
            if showsAllLayers { bandContent = bandContent.next(for: Set(run.trace.layers.map(\.kind))) }
        case .toggleHelp: showsHelp = true
        case .closeOverlay:
            if inspectorChoice == true { inspectorChoice = false }
        case .quit: return .quit
        }
        return .continue
    }

    /// Passes a key to the open `:` prompt; returns the target when Enter finished it. A step
    /// target is numbered from 1 in the whole run (see ``go(to:)``).
    public mutating func handleGoToKey(_ key: Key) -> GoToPrompt.Target? {
        guard var prompt = goTo else { return nil }
        switch prompt.handle(key) {
        case .editing: goTo = prompt; return nil
        case .cancelled: goTo = nil; return nil
        case .finished(let target): goTo = nil; return target
        }
    }

    /// Goes to a target of the `:` prompt (a step of the whole run, or of the original run for a replayed
    /// recording; or a unit; clamped).
    public mutating func go(to target: GoToPrompt.Target) {
        switch target {
        case .step(let number):
            // A replayed recording is numbered by the original run's steps: go to the row that recorded it (or the nearest).
            seek(to: run.origin.map { $0.nearestRow(toStep: number - 1) } ?? number - 1)
        case .unit(let number): select(unit: number - 1)
        }
    }

    /// One playback tick: a step forward, stopping at the end (a growing run waits there).
    public mutating func tick() {
        guard !showsHelp else { return }
        playback.tick(total: runSteps, growing: isGrowing)
    }

    /// Moves the cursor to row `t` of the rows held (clamped to them): a click on the screen.
    public mutating func move(to t: Int) {
        playback.step = run.stepOffset + min(max(0, t), max(0, totalSteps - 1))
    }

    /// Moves the cursor to step `t` of the whole run (clamped); the app that owns the state reads
    /// the rows for it when they are not held.
    public mutating func seek(to t: Int) {
        playback.seek(to: t, total: runSteps)
    }

    /// Selects `unit` (0-based index, clamped).
    public mutating func select(unit: Int) {
        selectedUnit = min(max(0, unit), max(0, unitCount - 1))
    }

    /// Gives the focus to `target`.
    public mutating func focus(on target: ExplorerFocus) {
        focus = target
    }

    /// Moves the selection `offset` places in display order.
    mutating func moveSelection(by offset: Int) {
        let order = unitOrder
        guard !order.isEmpty else { return }
        let position = order.firstIndex(of: selectedUnit) ?? 0
        selectedUnit = order[min(max(0, position + offset), order.count - 1)]
    }

    mutating func cycleFocus(by offset: Int, targets: [ExplorerFocus]) {
        guard !targets.isEmpty else { return }
        let position = targets.firstIndex(of: focus) ?? -1
        focus = targets[((position + offset) % targets.count + targets.count) % targets.count]
    }

    mutating func switchLayer(by offset: Int) {
        let count = run.layerIndices.count
        guard count > 1 else { return }
        layerPosition = layerPosition.cycled(by: offset, count: count)
        if run.trace.layer(layerIndex, reverse: isReverse) == nil { isReverse = false }
        clampSelection()
        if case .panel(let index) = focus, index >= panels.count { focus = .panel(0) }
    }

    mutating func clampSelection() {
        selectedUnit = min(selectedUnit, max(0, unitCount - 1))
    }
}
