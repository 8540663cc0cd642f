import GateCanvas
import ArgumentParser
import Foundation
import GateCore
import GateExplorer
import GateFormats
import GateTerminal

extension ExploreCommand {
    /// Opens the explorer session (recording, bookmarks, typing, live input), or the compare view.
    func runSession(palette: ExplorerPalette) throws {
        if let compareInput, let model, let input {
            var app = try CompareApp.make(network: try loadModel(model), inputA: input, inputB: compareInput)
            try GateTerminal.run(app: &app, commandName: "gatescope explore")
            return
        }
        var run: ExplorerRun
        var source: CheckpointedRowSource?
        if let model, input != "-" {
            (run, source) = try modelRun(model: model, inBackground: true)
        } else {
            run = try makeRun()
            if let annotate { run.trace.annotations = try AnnotationFile.read(path: annotate, steps: run.steps) }
        }
        let report = RecordingReport()
        let sink = TraceRecordingSink(network: run.network, templateMetadata: nil, requestedPath: recordTo,
                                      name: run.name, model: model, input: input == "-" ? "standard input" : (input ?? text.map { "text: \($0)" }),
                                      report: report)
        let history = input == "-" ? try Self.liveHistoryOverride() : nil
        let feed: StandardInputFeed? = input == "-" ? StandardInputFeed() : nil
        // Live input keeps its rows and checkpoints in temporary files (deleted on quit, error or signal).
        var app = ExplorerSessionApp(run: run, source: source, palette: palette, recordingSink: sink, feed: feed,
                                     liveStore: feed == nil ? nil : { name, columns in try SpooledRowStore(name: name, columns: columns) })
        if let history { app.liveHistoryLimit = history }
        // Also after a signal (Ctrl-C): the session saved its recording, the terminal is restored.
        defer { report.print(saved: app.savedRecordings) }
        try GateTerminal.run(app: &app, commandName: "gatescope explore")
        try report.check()
    }

    /// The environment variable that sets how many steps of live input are held in memory (older
    /// ones are recomputed from checkpoints when shown): for tests and low-memory machines.
    static let liveHistoryVariable = "GATESCOPE_LIVE_HISTORY"

    /// The steps ``liveHistoryVariable`` asks live input to hold in memory, if set.
    static func liveHistoryOverride() throws -> Int? {
        guard let text = ProcessInfo.processInfo.environment[liveHistoryVariable], !text.isEmpty else { return nil }
        guard let steps = Int(text), steps >= 16 else {
            throw UserError("\(liveHistoryVariable)=\(text) is not a step count; give a whole number of 16 or more (steps of live input held in memory), or unset it")
        }
        return steps
    }

    /// A run with no steps yet, for a model fed live from standard input.
    func liveRun(model: String) throws -> ExplorerRun {
        let network = try loadModel(model)
        guard !network.needsWholeSequence else {
            throw UserError("live input (--input -) needs a one-directional model; a bidirectional one must see the whole sequence")
        }
        let width = network.embedding?.columns ?? network.inputSize
        let readsTokens = network.embedding != nil || (network.vocabulary.map { !$0.isEmpty } ?? false)
        let trace = try network.run(Matrix(rows: 0, columns: width), tokens: readsTokens ? [] : nil)
        let name = ((model as NSString).lastPathComponent as NSString).deletingPathExtension
        return ExplorerRun(name: name, title: "\(model) · live from standard input", trace: trace, network: network,
                           vocabulary: network.vocabulary)
    }
}
