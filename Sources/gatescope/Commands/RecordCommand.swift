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
            The model is a PyTorch file (torch.save(model.state_dict(), 'm.pt'), a whole pickled module, a \
            training checkpoint dict, or a TorchScript archive from torch.jit.save), a safetensors file (a PyTorch \
            state_dict, Keras-layout weights, or a model saved by gatescope train) or an ONNX model. The trace is a \
            safetensors file; see docs/formats.md to read it from Python.
            """
    )

    @OptionGroup var source: ModelSourceOptions

    @Option(name: .long, help: "Where to write the trace (.safetensors); - writes it to standard output (not a terminal), as render --out - does.")
    var out: String

    @Option(name: .long, help: "Annotation tracks stored with the trace: a CSV with a header row naming them, one row per step (labels or numbers).")
    var annotate: String?


    @Flag(name: .long, help: ArgumentHelp("Print where the time went (read, compute, write) to standard error (scripts/bench_record.py).", visibility: .hidden))
    var timing = false

    func validate() throws {
        guard (source.model == nil) != (source.demo == nil) else {
            throw ValidationError("give exactly one of --model FILE or --demo NAME")
        }
        guard !(source.input != nil && source.text != nil), source.demo != nil || source.input != nil || source.text != nil else {
            throw ValidationError("give exactly one of --input FILE or --text STRING")
        }
    }

    func run() throws {
        try reportingErrors {
            let started = ContinuousClock.now
            if out == "-", isatty(STDOUT_FILENO) == 1 {
                throw UserError("--out - writes a binary trace to standard output, which is a terminal; redirect it (> trace.safetensors, | python …) or give --out FILE")
            }
            try OutputCheck.requireWritable(out)
            let (model, input) = try source.resolvedSources()
            if model.hasSuffix(".safetensors"), ConvLSTMImporter.isConvLSTM(try ModelImporter.open(path: model)) {
                if annotate != nil { throw UserError("--annotate works with LSTM, GRU and RNN traces; a ConvLSTM trace holds frames (drop --annotate)") }
                try recordConvLSTM(model: model, input: input)
                return
            }
            let network = try source.options.load(model)
            let sequence: LoadedSequence
            if let text = source.text {
                sequence = try SequenceLoader.text(text, for: network)
            } else {
                guard let input else { throw UserError("give --input FILE or --text STRING") }
                sequence = try StandardInputSequence.load(path: input, for: network, command: "record")
            }
            let read = ContinuousClock.now - started
            let timings = RecordTiming()
            let annotations = try annotate.map { try AnnotationFile.read(path: $0, steps: sequence.input.rows) } ?? []
            let steps = try TraceRecorder.record(network, input: sequence.input, tokens: sequence.tokens, to: out,
                                                 model: model, inputSource: sequence.source, annotations: annotations,
                                                 timing: timings)
            if timing {
                printTiming(read: read, compute: timings.compute, write: timings.write)
            }
            let directions = network.isBidirectional ? " × 2 directions" : ""
            let layers = network.layers.count == 1 ? "1 layer" : "\(network.layers.count) layers"
            report("recorded \(steps) step\(steps == 1 ? "" : "s"), \(layers)\(directions) (\(network.summary)) → \(out) (\(Self.byteSize(of: out)))")
        }
    }

    /// ConvLSTM models: frames from a CSV (one row per step, C·H·W values channel-first) or .npy.
    func recordConvLSTM(model: String, input: String?) throws {
        guard let input else { throw UserError("a ConvLSTM model takes frames: pass --input frames.csv (one frame per row)") }
        let network = try ConvLSTMImporter.load(path: model)
        let frames = input == "-" ? try StandardInputSequence.frames()
            : input.hasSuffix(".npy") ? try NpyArray(path: input).matrix(source: input) : try CSVSequence(path: input).matrix
        guard frames.columns == network.inputShape.count else {
            throw UserError("\(input) has \(frames.columns) values per row but the model takes frames of \(network.inputShape.channels)×\(network.inputShape.height)×\(network.inputShape.width) = \(network.inputShape.count)")
        }
        let trace = network.run(frames)
        try ConvLSTMTraceWriter.write(trace, network: network, to: out, model: model, input: input)
        report("recorded \(trace.steps) frames, \(network.summary) → \(out) (\(Self.byteSize(of: out)))")
    }

    /// `timing: read=0.012s compute=0.100s write=0.050s` on standard error.
    func printTiming(read: Duration, compute: Duration, write writing: Duration) {
        func seconds(_ duration: Duration) -> String {
            let micro = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
            let fraction = String(micro % 1_000_000)
            return "\(micro / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction + "s"
        }
        var line = Array("timing: read=\(seconds(read)) compute=\(seconds(compute)) write=\(seconds(writing))\n".utf8)
        _ = write(2, &line, line.count)
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
