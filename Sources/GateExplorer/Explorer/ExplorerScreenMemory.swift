import GateCanvas
/// What the last render saw (terminal size and colour mode), kept so that key and mouse handling can
/// lay out the screen exactly as it was drawn. A reference, because rendering cannot mutate the app.
final class ExplorerScreenMemory {
    var width: Int
    var height: Int
    var mode: ColorMode

    init(width: Int, height: Int, mode: ColorMode) {
        self.width = width
        self.height = height
        self.mode = mode
    }
}
