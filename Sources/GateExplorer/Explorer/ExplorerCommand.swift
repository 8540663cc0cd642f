import GateCanvas
/// Everything a person can ask the explorer to do; keys and the mouse map onto these.
public enum ExplorerCommand: Hashable, Sendable {
    case stepForward
    case stepBack
    case togglePlay
    case faster
    case slower
    case firstStep
    case lastStep
    case previousUnit
    case nextUnit
    case previousUnitPage
    case nextUnitPage
    case nextFocus
    case previousFocus
    case cycleSort
    case previousLayer
    case nextLayer
    case toggleDirection
    case togglePalette
    case toggleValueScaling
    case openGoTo
    case toggleInspector
    case toggleExactNumbers
    /// The live cell diagram in place of the panels.
    case toggleDiagram
    case toggleRevealAll
    case toggleAllLayers
    case cycleBandContent
    case toggleHelp
    case closeOverlay
    case quit
}

extension ExplorerCommand: ScreenCommands {}
