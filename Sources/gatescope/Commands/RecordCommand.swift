import GateCanvas
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import GateCore
import GateExplorer
import GateFormats

/// `gatescope record`: runs a model over an input and saves every gate and state to a trace file.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Run a model over an input and save every gate and state of every layer to a trace file.",
        discussion: """
            The model is a safetensors file: a PyTorch state_dict (safetensors.torch.save_file(model.state_dict(), path)),
            Keras-layout weights, or a model saved by gatescope train. The trace is a safetensors file too;
            see docs/formats.md to read it from Python.
            """
    )

    @Option(name: .long, help: "The model weights (.safetensors or .onnx).")
    var model: String?

    @Option(name: .long, help: "Record a shipped demo (see `gatescope demos`): its model, and its input unless --input or --text is given.")
    var demo: String?

    @Option(name: .long, help: "The input sequence: .csv (rows are timesteps), .npy (T, X), or .txt for text models.")
    var input: String?

    @Option(name: .long, help: "Text to feed a character or word model (needs a 'vocab' in the model's metadata).")
    var text: String?

    @Option(name: .long, help: "Where to write the trace (.safetensors); - writes it to standard output (not a terminal), as render --out - does.")
    var out: String

    @Option(name: .long, help: "The recurrent module to use when the file holds several (e.g. encoder.lstm).")
    var prefix: String?

    @Option(name: .long, help: "The linear head after the recurrent layers (e.g. fc), or 'none'.")
    var head: String?

    @Option(name: .long, help: "The embedding in front (e.g. embed), or 'none'.")
    var embedding: String?

    @Option(name: .long, help: "A vocabulary file for text input (one token per line, line k = id k, or a JSON array) when the model carries none.")
    var vocab: String?

    @Option(name: .long, help: "For vanilla RNNs: tanh or relu (the weights cannot tell).")
    var nonlinearity: String?

    func validate() throws {
        guard (model == nil) != (demo == nil) else {
            throw ValidationError("give exactly one of --model FILE or --demo NAME")
        }
        guard !(input != nil && text != nil), demo != nil || input != nil || text != nil else {
            throw ValidationError("give exactly one of --input FILE or --text STRING")
        }
        if let nonlinearity, RNNNonlinearity(rawValue: nonlinearity.lowercased()) == nil {
            throw ValidationError("--nonlinearity must be tanh or relu, not '\(nonlinearity)'")
        }
    }

    /// The import options from the command line.
    var importOptions: ModelImportOptions {
        ModelImportOptions(prefix: prefix, head: head, embedding: embedding,
                           nonlinearity: nonlinearity.flatMap { RNNNonlinearity(rawValue: $0.lowercased()) })
    }

    func run() throws {
        try reportingErrors {
            if out == "-", isatty(STDOUT_FILENO) == 1 {
                throw UserError("--out - writes a binary trace to standard output, which is a terminal; redirect it (> trace.safetensors, | python …) or give --out FILE")
            }
            let (model, input) = try resolvedSources()
            if model.hasSuffix(".safetensors"), ConvLSTMImporter.isConvLSTM(try ModelImporter.open(path: model)) {
                try recordConvLSTM(model: model, input: input)
                return
            }
            let imported = try ModelImporter.importModel(path: model, options: importOptions)
            HeadChoiceNote.print(for: imported)
            var network = imported.network
            if let vocab { try VocabularyFile.apply(try VocabularyFile.load(path: vocab), to: &network, source: vocab) }
            let sequence: LoadedSequence
            if let text {
                sequence = try SequenceLoader.text(text, for: network)
            } else {
                guard let input else { throw UserError("give --input FILE or --text STRING") }
                sequence = try SequenceLoader.load(path: input, for: network)
            }
            let steps = try TraceRecorder.record(network, input: sequence.input, tokens: sequence.tokens, to: out,
                                                 model: model, inputSource: sequence.source)
            let directions = network.isBidirectional ? " × 2 directions" : ""
            let layers = network.layers.count == 1 ? "1 layer" : "\(network.layers.count) layers"
            report("recorded \(steps) steps, \(layers)\(directions) (\(network.summary)) → \(out) (\(Self.byteSize(of: out)))")
        }
    }

    /// The model file and input file: as given, or a demo's from the catalogue (its input unless
    /// --input or --text overrides it).
    func resolvedSources() throws -> (model: String, input: String?) {
        if let model { return (model, input) }
        let name = demo ?? ""
        guard let catalog = DemoCatalog.locate() else {
            throw UserError("no demos/ directory found (set GATESCOPE_DEMOS to the demos folder)")
        }
        guard let entry = catalog.entry(named: name) else {
            let names = catalog.entries.map(\.name)
            throw UserError("no demo called '\(name)'\(ClosestName.hint(for: name, among: names)); the demos are: \(names.joined(separator: ", "))")
        }
        return (entry.modelPath, input ?? (text == nil ? entry.inputPath : nil))
    }

    /// ConvLSTM models: frames from a CSV (one row per step, C·H·W values channel-first) or .npy.
    func recordConvLSTM(model: String, input: String?) throws {
        guard let input else { throw UserError("a ConvLSTM model takes frames: pass --input frames.csv (one frame per row)") }
        let network = try ConvLSTMImporter.load(path: model)
        let frames = input.hasSuffix(".npy") ? try NpyArray(path: input).matrix(source: input) : try CSVSequence(path: input).matrix
        guard frames.columns == network.inputShape.count else {
            throw UserError("\(input) has \(frames.columns) values per row but the model takes frames of \(network.inputShape.channels)×\(network.inputShape.height)×\(network.inputShape.width) = \(network.inputShape.count)")
        }
        let trace = network.run(frames)
        try ConvLSTMTraceWriter.write(trace, network: network, to: out, model: model, input: input)
        report("recorded \(trace.steps) frames, \(network.summary) → \(out) (\(Self.byteSize(of: out)))")
    }

    /// The closing summary: on stdout, or on stderr when stdout carries the trace (`--out -`).
    func report(_ line: String) {
        if out == "-" {
            var bytes = Array((TerminalText.escaped(line) + "\n").utf8)
            _ = write(STDERR_FILENO, &bytes, bytes.count)
        } else {
            print(line)
        }
    }

    /// "12.3 KB" for the file at `path` ("standard output" for `-`).
    static func byteSize(of path: String) -> String {
        if path == "-" { return "standard output" }
        var info = stat()
        guard stat(path, &info) == 0 else { return "? bytes" }
        return formatBytes(Int(info.st_size))
    }

    /// "512 bytes", "12.3 KB", "4.5 MB", "1.2 GB".
    static func formatBytes(_ count: Int) -> String {
        if count < 1024 { return "\(count) bytes" }
        let units = ["KB", "MB", "GB", "TB"]
        var value = Double(count) / 1024
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }
}
