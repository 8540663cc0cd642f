import ArgumentParser
import GateCore
import GateExplorer
import GateFormats

/// The options that name a model and its input (`--model`/`--demo`, `--input`/`--text`, import
/// choices), for commands that run a model instead of reading a trace.
struct ModelSourceOptions: ParsableArguments {
    @Option(name: .long, help: "The model weights (.safetensors, torch.save .pt/.pth/.bin, TorchScript, .keras/.h5, .onnx).")
    var model: String?

    @Option(name: .long, help: "A shipped demo (see `gatescope demos`): its model, and its input unless --input or --text is given.")
    var demo: String?

    @Option(name: .long, help: "The input sequence: .csv (rows are timesteps), .npy (T, X), or .txt for text models.")
    var input: String?

    @Option(name: .long, help: "Text to feed a character or word model (needs a vocabulary).")
    var text: String?

    @Option(name: [.long, .customLong("node")], help: "The recurrent module to use when the file holds several (e.g. encoder.lstm; for ONNX, `--node` with a node name).")
    var prefix: String?

    @Option(name: .long, help: "The linear head after the recurrent layers (e.g. fc), or 'none'.")
    var head: String?

    @Option(name: .long, help: "The embedding in front (e.g. embed), or 'none'.")
    var embedding: String?

    @Option(name: .long, help: "A vocabulary file for text input (one token per line, or a JSON array) when the model carries none.")
    var vocab: String?

    @Option(name: .long, help: "For vanilla RNNs: tanh or relu (the weights cannot tell).")
    var nonlinearity: String?

    /// Whether a model or demo was named.
    var isGiven: Bool { model != nil || demo != nil }

    /// Whether any option of the group was used.
    var anyGiven: Bool {
        isGiven || input != nil || text != nil || prefix != nil || head != nil || embedding != nil || vocab != nil || nonlinearity != nil
    }

    /// Checks the combination.
    func check() throws {
        if model != nil && demo != nil { throw UserError("give --model FILE or --demo NAME, not both") }
        if input != nil && text != nil { throw UserError("give --input FILE or --text STRING, not both") }
        if model != nil && input == nil && text == nil { throw UserError("--model needs an input: --input FILE or --text STRING") }
        if let nonlinearity, RNNNonlinearity(rawValue: nonlinearity.lowercased()) == nil {
            throw UserError("--nonlinearity must be tanh or relu, not '\(nonlinearity)'")
        }
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

    /// The import options from the command line.
    var importOptions: ModelImportOptions {
        ModelImportOptions(prefix: prefix, head: head, embedding: embedding,
                           nonlinearity: nonlinearity.flatMap { RNNNonlinearity(rawValue: $0.lowercased()) })
    }

    /// Imports the model at `path` (saying which head it chose, when it had to) and applies a
    /// vocabulary file.
    static func importModel(path: String, options: ModelImportOptions, vocab: String?) throws -> RecurrentNetwork {
        let imported = try ModelImporter.importModel(path: path, options: options)
        HeadChoiceNote.print(for: imported)
        var network = imported.network
        if let vocab { try VocabularyFile.apply(try VocabularyFile.load(path: vocab), to: &network, source: vocab) }
        return network
    }

    /// Loads the model, reads the input and runs it: the trace, the network, and the model path.
    func run() throws -> (trace: NetworkTrace, network: RecurrentNetwork, modelPath: String) {
        try check()
        let (path, inputPath) = try resolvedSources()
        let network = try Self.importModel(path: path, options: importOptions, vocab: vocab)
        let run = try ExploreCommand.run(network: network, name: "", title: path, story: nil, inputPath: inputPath, text: text)
        return (run.trace, network, path)
    }
}
