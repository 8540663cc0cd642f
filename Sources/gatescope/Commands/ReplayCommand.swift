import GateCanvas
import ArgumentParser
import Foundation
import GateCore
import GateExplorer
import GateFormats
import GateTerminal

/// `gatescope replay`: open a recorded trace in the explorer; no model needed.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Open a recorded trace (.safetensors from `gatescope record`) in the explorer.",
        discussion: """
            Replays every gate and state the trace holds. With --model, the inspector can also split each \
            pre-activation into W·x + U·h₋₁ + b.
            """
    )

    @Argument(help: "The trace file.")
    var trace: String

    @Option(name: .long, help: "The model that made the trace (optional; enables the W·x + U·h + b split).")
    var model: String?

    @Option(name: [.long, .customLong("node")], help: "Which module of the model file (tensor-name prefix; for ONNX, `--node` with a node name).")
    var prefix: String?

    @Option(name: .long, help: "Colours: `standard` or `cb` (colour-blind safe).")
    var palette: String = "standard"

    @Option(name: .long, help: "A second trace: both step-locked with the difference per gate (over their common prefix when the lengths differ).")
    var compare: String?

    @Option(name: .long, help: "Where `r` saves recordings (default: gatescope-NAME-DATE-TIME.safetensors here).")
    var recordTo: String?

    func run() throws {
        try reportingErrors {
            if let recordTo { try OutputCheck.requireWritable(recordTo) }
            guard let palette = ExplorerPalette(rawValue: palette) else {
                throw UserError("unknown palette '\(self.palette)'; use standard or cb")
            }
            // Only a ConvLSTM trace (told by its header) is read whole; every other trace is mapped.
            if (try? MappedSafeTensors(path: trace))?.metadata["variant"] == ConvLSTMTraceWriter.variantName,
               let loaded = try? TraceFile.read(path: trace), let spatial = ConvLSTMExploring.replayRun(
                loaded, name: ((trace as NSString).lastPathComponent as NSString).deletingPathExtension,
                title: "replay of \(trace)") {
                try ConvLSTMExploring.open(spatial, palette: palette, commandName: "gatescope replay")
                return
            }
            if let compare {
                var app = try CompareApp.make(traceA: trace, traceB: compare)
                try GateTerminal.run(app: &app, commandName: "gatescope replay")
                return
            }
            let report = RecordingReport()
            var app = try makeSession(palette: palette, report: report)
            // Also after a signal (Ctrl-C): the session saved its recording, the terminal is restored.
            defer { report.print(saved: app.savedRecordings) }
            try GateTerminal.run(app: &app, commandName: "gatescope replay")
            try report.check()
        }
    }

    /// The run to explore, from the trace file (and the model, when given).
    func makeRun() throws -> ExplorerRun {
        let loaded = try TraceFile.read(path: trace)
        guard loaded.trace.steps > 0, !loaded.trace.layers.isEmpty else {
            throw UserError("\(trace): the trace holds no steps")
        }
        var network: RecurrentNetwork?
        if let model {
            network = try ReplayModel.load(path: model, prefix: prefix, trace: loaded.trace, metadata: loaded.metadata)
        }
        let metadata = loaded.metadata
        let name = ((trace as NSString).lastPathComponent as NSString).deletingPathExtension
        let description = metadata.network
            ?? "\(metadata.cell.displayName) \(metadata.inputSize)→\(metadata.hiddenSize) (trace)"
        var run = ExplorerRun(name: name, title: "replay of \(trace)", story: nil, trace: loaded.trace,
                              network: network, vocabulary: metadata.vocabulary ?? network?.vocabulary,
                              modelDescription: description + " · replay")
        run.recordedHeadActivation = metadata.headActivation
        return run
    }
}
