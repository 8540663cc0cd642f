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

/// Set by the SIGINT handler; read between training steps.
nonisolated(unsafe) private var interruptRequested: sig_atomic_t = 0

/// `gatescope train TASK --out M.safetensors`: trains a small model on a built-in task.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a small recurrent model on a built-in task and save it (safetensors, PyTorch names).",
        discussion: """
            Tasks: \(TaskCatalog.names.joined(separator: ", ")). Defaults are the settings the shipped \
            demos were made with; the same seed and settings give the same file, byte for byte. \
            Ctrl-C stops after the current step and saves the model as it is then. \
            `text` and `series` read --data (default: the demo's file in demos/).
            """
    )

    @Argument(help: "The task: \(TaskCatalog.names.joined(separator: ", ")).")
    var task: String

    @Option(name: .long, help: "Where to write the model (.safetensors).")
    var out: String

    @Option(name: .long, help: "Cell: lstm, gru or rnn (rnn_relu for a ReLU RNN).")
    var cell: String = "lstm"

    @Option(name: .long, parsing: .unconditional, help: "Hidden units per layer (default: the task's).")
    var hidden: Int?

    @Option(name: .long, parsing: .unconditional, help: "Optimizer steps (default: the task's).")
    var steps: Int?

    @Option(name: .long, parsing: .unconditional, help: "Random seed for the weights and the training data.")
    var seed: UInt64 = 1

    @Option(name: .long, parsing: .unconditional, help: "Stacked layers.")
    var layers: Int = 1

    @Flag(name: .long, help: "Run every layer in both directions.")
    var bidirectional = false

    @Option(name: .long, parsing: .unconditional, help: "Sequences per step (default: the task's).")
    var batch: Int?

    @Option(name: .long, parsing: .unconditional, help: "Adam learning rate (default: the task's).")
    var lr: Float?

    @Option(name: .long, help: "Data file for text (UTF-8 text) or series (CSV with a header).")
    var data: String?

    @Option(name: .long, help: "For series: the CSV column to forecast (default: the last).")
    var column: String?

    @Option(name: .long, help: "Also write an example input for the task (text for token tasks, CSV for features).")
    var exampleOut: String?

    @Flag(name: .long, help: "Print only the final summary.")
    var quiet = false

    func validate() throws {
        guard TaskCatalog.names.contains(task) else {
            throw ValidationError("unknown task '\(task)'; the tasks are: \(TaskCatalog.names.joined(separator: ", "))")
        }
        guard Self.cellKind(cell) != nil else { throw ValidationError("--cell must be lstm, gru, rnn or rnn_relu, not '\(cell)'") }
        if let hidden, hidden < 1 || hidden > 4096 { throw ValidationError("--hidden must be between 1 and 4096") }
        if let steps, steps < 1 { throw ValidationError("--steps must be at least 1") }
        if layers < 1 || layers > 8 { throw ValidationError("--layers must be between 1 and 8") }
        if let batch, batch < 1 || batch > 4096 { throw ValidationError("--batch must be between 1 and 4096") }
        if let lr, !(lr > 0 && lr.isFinite) { throw ValidationError("--lr must be a positive number") }
    }

    static func cellKind(_ name: String) -> CellKind? {
        switch name.lowercased() {
        case "lstm": .lstm
        case "gru": .gru
        case "rnn", "rnn_tanh": .rnnTanh
        case "rnn_relu": .rnnRelu
        default: nil
        }
    }

    func run() throws {
        try reportingErrors {
            let trainingTask = try makeTask()
            let kind = Self.cellKind(cell)!
            var configuration = TrainingConfiguration(defaults: trainingTask.defaults, cell: kind, seed: seed)
            if let hidden { configuration.hiddenSize = hidden }
            if let steps { configuration.steps = steps }
            if let batch { configuration.batchSize = batch }
            if let lr { configuration.learningRate = lr }
            configuration.layers = layers
            configuration.bidirectional = bidirectional
            var trainer = try Trainer(task: trainingTask, configuration: configuration)
            try OutputCheck.requireWritable(out)
            if let exampleOut {
                try FileBytes.writeAtomically(Array(trainingTask.demoInput().utf8), to: exampleOut)
            }

            interruptRequested = 0
            let previous = signal(SIGINT) { _ in interruptRequested = 1 }
            defer { signal(SIGINT, previous) }

            let progress = TrainingProgress(total: configuration.steps, isTerminal: isatty(1) == 1, quiet: quiet)
            let checkpointEvery = max(1, configuration.steps / 4)
            var stopped = false
            var checkpoint: Int?
            while !trainer.isFinished {
                if Self.interrupted() { stopped = true; break }
                let report = trainer.step()
                guard report.loss.isFinite else {
                    progress.finish()
                    let kept = checkpoint.map { "\(out) holds the model as it was at step \($0)" } ?? "nothing was saved"
                    throw UserError("training diverged at step \(report.step) (the loss became \(report.loss.isNaN ? "NaN" : "infinite")); \(kept); try a smaller --lr than \(configuration.learningRate)")
                }
                progress.update(report: report, loss: trainer.smoothedLoss ?? report.loss,
                                accuracy: trainer.smoothedAccuracy ?? report.accuracy)
                if report.step % checkpointEvery == 0 && !trainer.isFinished {
                    try save(trainer, configuration: configuration, stoppedEarly: true)
                    checkpoint = report.step
                }
            }
            if Self.interrupted() { stopped = true }
            progress.finish()
            let metric = try save(trainer, configuration: configuration, stoppedEarly: stopped)
            let seconds = progress.elapsed
            let verb = stopped ? "stopped at step \(trainer.completedSteps) (Ctrl-C); saved" : "saved"
            print("\(verb) \(out): \(trainer.network.summary)")
            print("held-out \(metric.summary) — \(metric.description)")
            print("trained \(trainer.completedSteps) step\(trainer.completedSteps == 1 ? "" : "s") in \(TaskMetric.formatFixed(seconds, decimals: 1)) s")
            if stopped { throw ExitCode(130) }
        }
    }

    @inline(never)
    static func interrupted() -> Bool { interruptRequested != 0 }

    /// The reproducible command that makes this model (the output path left out).
    func canonicalCommand(_ configuration: TrainingConfiguration) -> String {
        var parts = ["gatescope", "train", task, "--cell", Self.cellKind(cell)!.rawValue, "--hidden", String(configuration.hiddenSize),
                     "--steps", String(configuration.steps), "--seed", String(seed), "--layers", String(layers)]
        if bidirectional { parts.append("--bidirectional") }
        if batch != nil { parts += ["--batch", String(configuration.batchSize)] }
        if lr != nil { parts += ["--lr", TaskMetric.formatSignificant(Double(configuration.learningRate), digits: 4)] }
        if let data { parts += ["--data", Self.basename(data)] }
        if let column { parts += ["--column", column] }
        return parts.joined(separator: " ")
    }

    @discardableResult
    func save(_ trainer: Trainer, configuration: TrainingConfiguration, stoppedEarly: Bool) throws -> TaskMetric {
        let metric = trainer.evaluate()
        var network = trainer.finishedNetwork(metric: metric)
        network.metadata["command"] = canonicalCommand(configuration)
        network.metadata["gatescope_version"] = Self.version
        network.metadata["explanation"] = trainer.task.explanation
        if let data { network.metadata["data"] = Self.basename(data) }
        if stoppedEarly { network.metadata["stopped_early"] = "true" }
        try ModelExporter.save(network, to: out)
        return metric
    }

    /// The version written into models.
    static var version: String {
        let declared = Gatescope.configuration.version
        return declared.isEmpty ? "0.1.0-dev" : declared
    }

    static func basename(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    func makeTask() throws -> any TrainingTask {
        if let synthetic = TaskCatalog.syntheticTask(named: task) {
            if data != nil { throw UserError("the \(task) task makes its own data; --data is for text and series") }
            return synthetic
        }
        let path = try data ?? defaultDataPath()
        if task == "text" {
            let bytes = try FileBytes.read(path: path)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw UserError("\(path) is not UTF-8 text; give --data a plain text file")
            }
            guard text.unicodeScalars.count > 1000 else { throw UserError("\(path) is too short to train on (needs over 1000 characters)") }
            return TextTask(text: text, title: "Character language model on \(Self.basename(path))")
        }
        let csv = try CSVSequence(path: path)
        let names = csv.columnNames ?? (0..<csv.matrix.columns).map { "column\($0 + 1)" }
        let index: Int
        if let column {
            guard let found = names.firstIndex(of: column) else {
                throw UserError("\(path) has no column '\(column)'; it has: \(names.joined(separator: ", "))")
            }
            index = found
        } else {
            index = names.count - 1
        }
        guard csv.matrix.rows >= 30 else { throw UserError("\(path) has \(csv.matrix.rows) rows; series needs at least 30") }
        return SeriesTask(values: csv.matrix.column(index), column: names[index], title: "Forecasting \(names[index]) from \(Self.basename(path))")
    }

    func defaultDataPath() throws -> String {
        let relative = task == "text" ? "text/pride-and-prejudice-ch1-3.txt" : "series/sunspots.csv"
        if let catalog = DemoCatalog.locate() {
            let path = catalog.directory + "/" + relative
            if access(path, R_OK) == 0 { return path }
        }
        if access("demos/" + relative, R_OK) == 0 { return "demos/" + relative }
        throw UserError("no data for \(task): give --data (the demo's file is demos/\(relative))")
    }
}
