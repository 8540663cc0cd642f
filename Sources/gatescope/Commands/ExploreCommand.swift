import GateCanvas
import ArgumentParser
import Foundation
import GateCore
import GateExplorer
import GateFormats
import GateTerminal

/// `gatescope explore` (the default): step a network through a sequence and watch its gates.
struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Step a recurrent network through a sequence and watch its gates and cell state.",
        discussion: """
            With no options, opens the best demo: a trained one from demos/ when present (installed beside \
            the program, or $GATESCOPE_DEMOS, ./demos, a checkout), else the built-in hand-set bracket counter.
            Keys: ←/→ step, space play, ↑/↓ unit, s sort, tab panel, i inspector,
            ? help (every key), q quit.
            """
    )

    @OptionGroup var source: ModelSourceOptions

    @Option(name: .long, help: "A second input for the same model: shows both runs step-locked with the difference per gate.")
    var compareInput: String?

    @Option(name: .long, help: "Where `r` saves recordings (default: gatescope-NAME-DATE-TIME.safetensors here).")
    var recordTo: String?

    var demo: String? { source.demo }
    var model: String? { source.model }
    var input: String? { source.input }
    var text: String? { source.text }

    @Option(name: .long, help: "Demos to run side by side on the same input, step-locked (e.g. brackets,brackets-gru,brackets-rnn).")
    var compare: String?

    @Flag(name: .long, help: "With --demo: the demo and its GRU and RNN twins side by side (same as --compare).")
    var twins = false

    @Option(name: .long, help: "Annotation tracks drawn above the heatmaps and searchable with /: a CSV with a header row naming them, one row per step (labels or numbers).")
    var annotate: String?

    @Option(name: .long, help: "Colours: `standard` or `cb` (colour-blind safe). `p` toggles in the explorer.")
    var palette: String = "standard"

    @Flag(name: .long, help: "Teaching tools in presenter mode: large blocks and labels for a projector (docs/teaching.md).")
    var present = false

    @Flag(name: .long, help: "Teaching tools in quiz mode: guess whether the gate goes up or down before each step.")
    var quiz = false

    @Option(name: .long, help: "Teaching tools with a classroom preset file: panels to show or hide, keys to disable.")
    var classroom: String?

    func validate() throws {
        if input != nil && text != nil { throw ValidationError("give --input or --text, not both") }
        if model != nil && demo != nil { throw ValidationError("give --model or --demo, not both") }
        if model == nil && demo == nil && input != nil { throw ValidationError("--input needs --model FILE or --demo NAME") }
        if model == nil && input == "-" { throw ValidationError("live input (--input -) needs --model FILE") }
        if model == nil && demo == nil && source.options.anyGiven {
            throw ValidationError("--prefix, --head, --embedding, --nonlinearity and --vocab need --model FILE or --demo NAME")
        }
        if source.options.anyGiven && (compare != nil || twins) {
            throw ValidationError("--compare and --twins open the demos as shipped; drop --prefix, --head, --embedding, --nonlinearity and --vocab")
        }
        if annotate != nil && input == "-" { throw ValidationError("--annotate needs the whole input, not live input (--input -)") }
        if compareInput != nil && (model == nil || input == nil || input == "-" || compareInput == "-") {
            throw ValidationError("--compare-input needs --model and --input (files, not -)")
        }
    }

    func run() throws {
        try reportingErrors {
            if let recordTo { try OutputCheck.requireWritable(recordTo) }
            guard let palette = ExplorerPalette(rawValue: palette) else {
                throw UserError("unknown palette '\(self.palette)'; use standard or cb")
            }
            if present || quiz || classroom != nil, compare != nil || twins {
                throw UserError("--present, --quiz and --classroom show one run; drop --compare / --twins")
            }
            if annotate != nil, compare != nil || twins || present || quiz || classroom != nil || compareInput != nil {
                throw UserError("--annotate draws its tracks in the explorer's own view; drop --compare, --twins, --compare-input, --present, --quiz or --classroom")
            }
            if let runs = try makeTwinRuns() {
                var app = TwinsApp(runs: runs, palette: palette)
                try GateTerminal.run(app: &app, commandName: "gatescope explore")
                return
            }
            if let spatial = try makeSpatialRun() {
                if present || quiz || classroom != nil {
                    throw UserError("--present, --quiz and --classroom work on LSTM, GRU and RNN models; a ConvLSTM opens its spatial view (run it without them)")
                }
                if annotate != nil { throw UserError("--annotate works with LSTM, GRU and RNN models; a ConvLSTM opens its spatial view (drop --annotate)") }
                try ConvLSTMExploring.open(spatial, palette: palette, commandName: "gatescope explore")
                return
            }
            if present || quiz || classroom != nil {
                try runTeaching(palette: palette)
                return
            }
            try runSession(palette: palette)
        }
    }

    /// The ConvLSTM run, when the model (or the demo's model) is a ConvLSTM; nil otherwise.
    func makeSpatialRun() throws -> SpatialRun? {
        if let model, ConvLSTMExploring.isConvLSTM(path: model) {
            let name = ((model as NSString).lastPathComponent as NSString).deletingPathExtension
            return try ConvLSTMExploring.run(model: model, input: input, name: name, title: model, story: nil)
        }
        if let demo, let entry = DemoCatalog.locate()?.entry(named: demo), ConvLSTMExploring.isConvLSTM(path: entry.modelPath) {
            return try ConvLSTMExploring.run(model: entry.modelPath, input: entry.inputPath, name: entry.name,
                                             title: entry.title, story: entry.story.isEmpty ? nil : entry.story)
        }
        return nil
    }

    /// The model at `path` with the command line's import options and vocabulary applied.
    func loadModel(_ path: String) throws -> RecurrentNetwork {
        try source.options.load(path)
    }

    /// The run to explore, from the options.
    func makeRun() throws -> ExplorerRun {
        if let model, input == "-" {
            return try liveRun(model: model)
        }
        if let model {
            let network = try loadModel(model)
            let name = ((model as NSString).lastPathComponent as NSString).deletingPathExtension
            return try Self.run(network: network, name: name, title: model, story: nil, inputPath: input, text: text)
        }
        if let demo, ["builtin", "built-in", BuiltInDemo.name].contains(demo.lowercased()) {
            if source.options.anyGiven || input != nil {
                throw UserError("the built-in demo is made in code and reads brackets: drop --input and the import options (--text works)")
            }
            return try builtInRun()
        }
        if let demo {
            let catalog: DemoCatalog
            do { catalog = try DemoCatalog.require() } catch let failure as DemoLookupFailure {
                throw UserError("\(failure); --demo builtin always works")
            }
            guard let entry = catalog.entry(named: demo) else {
                let names = (catalog.entries.map(\.name) + ["builtin"]).joined(separator: ", ")
                let hint = ClosestName.hint(for: demo, among: catalog.entries.map(\.name) + ["builtin"])
                throw UserError("no demo called '\(demo)'\(hint); the demos are: \(names)")
            }
            // The demo's model, with the command line's import options; its input unless --input or --text.
            return try Self.run(network: try loadModel(entry.modelPath), name: entry.name, title: entry.title,
                                story: entry.story.isEmpty ? nil : entry.story,
                                inputPath: text == nil ? (input ?? entry.inputPath) : nil, text: text)
        }
        if let entry = DemoCatalog.locate()?.preferred, let run = try? Self.run(entry: entry, text: text) {
            return run
        }
        return try builtInRun()
    }

    private func builtInRun() throws -> ExplorerRun {
        if let text {
            guard !BuiltInDemo.tokens(for: text).isEmpty else {
                throw UserError("the built-in demo reads brackets; give --text a string of ( and ) such as \"(()())\"")
            }
        }
        return BuiltInDemo.run(text: text)
    }

    /// A catalogued demo's run.
    static func run(entry: DemoCatalogEntry, text: String?) throws -> ExplorerRun {
        let network = try ModelImporter.load(path: entry.modelPath)
        return try run(network: network, name: entry.name, title: entry.title,
                       story: entry.story.isEmpty ? nil : entry.story,
                       inputPath: text == nil ? entry.inputPath : nil, text: text)
    }

    /// Runs `network` over the input and wraps it for the explorer.
    static func run(network: RecurrentNetwork, name: String, title: String, story: String?,
                    inputPath: String?, text: String?) throws -> ExplorerRun {
        let sequence = try Self.sequence(network: network, inputPath: inputPath, text: text)
        try WholeRunBudget.check(network, steps: sequence.input.rows, advice: WholeRunBudget.wholeRunAdvice)
        let trace = try network.run(sequence.input, tokens: sequence.tokens)
        return ExplorerRun(name: name, title: title, story: story, trace: trace, network: network,
                           vocabulary: network.vocabulary)
    }

    /// The input for `network`: `text`, the file at `inputPath`, or the task's own example.
    static func sequence(network: RecurrentNetwork, inputPath: String?, text: String?) throws -> LoadedSequence {
        let sequence: LoadedSequence
        if let text {
            sequence = try SequenceLoader.text(text, for: network)
        } else if let inputPath {
            sequence = try StandardInputSequence.load(path: inputPath, for: network, command: "units")
        } else if let example = try SequenceLoader.taskExample(for: network) {
            sequence = example
        } else {
            let readsTokens = network.embedding != nil || !(network.vocabulary ?? []).isEmpty
            if readsTokens {
                throw UserError("give an input: this model reads text; pass --text \"…\" (or --input FILE.txt)")
            }
            throw UserError("give an input: this model reads \(network.inputSize) value\(network.inputSize == 1 ? "" : "s") per step; pass --input FILE.csv (one row per step) or FILE.npy")
        }
        guard sequence.input.rows > 0 else { throw UserError("the input has no timesteps") }
        return sequence
    }
}
