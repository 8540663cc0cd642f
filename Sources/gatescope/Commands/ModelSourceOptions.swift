import ArgumentParser
import GateCore
import GateExplorer
import GateFormats

/// The options that name a model and its input (`--model`/`--demo`, `--input`/`--text`) and how to import it
/// (``ModelOptions``), for commands that run a model instead of reading a trace.
struct ModelSourceOptions: ParsableArguments {
    @Option(name: .long, help: "The model weights (.safetensors, torch.save .pt/.pth/.bin, TorchScript, .keras/.h5, .onnx).")
    var model: String?

    @Option(name: .long, help: "A shipped demo (see `gatescope demos`; explore also opens `builtin`): its model, and its input unless --input or --text is given.")
    var demo: String?

    @Option(name: .long, help: "The input sequence: .csv (rows are timesteps), .npy (T, X), or .txt for text models; `-` reads standard input (CSV, or text for a text model): whole for record and units, step by step as it comes for explore.")
    var input: String?

    @Option(name: .long, help: "Text to feed a character or word model (instead of --input; needs a vocabulary).")
    var text: String?

    @OptionGroup var options: ModelOptions

    /// Whether a model or demo was named.
    var isGiven: Bool { model != nil || demo != nil }

    /// Whether any option of the group was used.
    var anyGiven: Bool {
        isGiven || input != nil || text != nil || options.anyGiven
    }

    /// Checks the combination.
    func check() throws {
        if model != nil && demo != nil { throw UserError("give --model FILE or --demo NAME, not both") }
        if input != nil && text != nil { throw UserError("give --input FILE or --text STRING, not both") }
        if model != nil && input == nil && text == nil { throw UserError("--model needs an input: --input FILE or --text STRING") }
    }

    /// The model file and input file: as given, or a demo's from the catalogue (its input unless
    /// --input or --text overrides it).
    func resolvedSources() throws -> (model: String, input: String?) {
        if let model { return (model, input) }
        let name = demo ?? ""
        let catalog = try DemoCatalog.require()
        guard let entry = catalog.entry(named: name) else {
            let names = catalog.entries.map(\.name)
            throw UserError("no demo called '\(name)'\(ClosestName.hint(for: name, among: names)); the demos are: \(names.joined(separator: ", "))")
        }
        return (entry.modelPath, input ?? (text == nil ? entry.inputPath : nil))
    }

    /// Loads the model, reads the input and runs it: the trace, the network, and the model path.
    func run() throws -> (trace: NetworkTrace, network: RecurrentNetwork, modelPath: String) {
        try check()
        let (path, inputPath) = try resolvedSources()
        let network = try options.load(path)
        let run = try ExploreCommand.run(network: network, name: "", title: path, story: nil, inputPath: inputPath, text: text)
        return (run.trace, network, path)
    }
}
