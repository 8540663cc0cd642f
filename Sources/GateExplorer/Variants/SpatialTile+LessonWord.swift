import GateCanvas
extension SpatialTile.Content {
    /// The map a lesson's `panel:` word names on the ConvLSTM screen (`LessonDemoFacts.spatialPanelWords`):
    /// frame, forget, input, candidate, output, cell, hidden, previous, kept, written, prediction, next.
    public init?(lessonWord word: String) {
        switch word {
        case "frame": self = .frame
        case "previous": self = .previousCell
        case "kept": self = .kept
        case "written": self = .written
        case "prediction": self = .prediction
        case "next": self = .nextFrame
        default:
            let words = ["forget", "input", "candidate", "output", "cell", "hidden"]
            guard let index = words.firstIndex(of: word) else { return nil }
            self = .series(index)
        }
    }
}
