import GateCanvas
/// One demo listed in demos/catalog.tsv: a trained model, an input, and what to look at.
public struct DemoCatalogEntry: Sendable, Equatable {
    /// The name `--demo` takes ("brackets").
    public var name: String
    /// A few words on what it is.
    public var title: String
    /// Path of the model file (absolute, resolved against the demos directory).
    public var modelPath: String
    /// Path of the input file (absolute), or nil when the demo has none.
    public var inputPath: String?
    /// What to look at (which unit, which gate).
    public var story: String

    /// An entry from its parts.
    public init(name: String, title: String, modelPath: String, inputPath: String?, story: String) {
        self.name = name
        self.title = title
        self.modelPath = modelPath
        self.inputPath = inputPath
        self.story = story
    }
}
