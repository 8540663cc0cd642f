import GateCanvas
import Foundation
import GateCore
import GateExplorer
import GateFormats

extension ExploreCommand {
    /// The run for `--model` with an input file or `--text`: held whole when it is short; longer than
    /// ``StepWindowPlan/wholeRunLimit`` steps, computed window by window from checkpoints (the run
    /// holds the first window, the source the rest), so the first frame does not wait for the whole run.
    /// `inBackground`: a network that reads backward fills its reverse direction in the background (for
    /// the sessions that take the rows in on their ticks: the explorer and compare).
    func modelRun(model: String, inBackground: Bool = false) throws -> (run: ExplorerRun, source: CheckpointedRowSource?) {
        let network = try loadModel(model)
        let name = ((model as NSString).lastPathComponent as NSString).deletingPathExtension
        let sequence = try Self.sequence(network: network, inputPath: input, text: text)
        let annotations = try annotate.map { try AnnotationFile.read(path: $0, steps: sequence.input.rows) } ?? []
        guard let source = try Self.lazySource(network: network, sequence: sequence, annotations: annotations,
                                               inBackground: inBackground) else {
            var trace = try network.run(sequence.input, tokens: sequence.tokens)
            trace.annotations = annotations
            return (ExplorerRun(name: name, title: model, trace: trace, network: network, vocabulary: network.vocabulary), nil)
        }
        let first = try source.rows(0..<min(source.steps, StepWindowPlan.minimumRows))
        return (ExplorerRun(name: name, title: model, trace: first, network: network, vocabulary: network.vocabulary), source)
    }

    /// A source computing `sequence`'s run from checkpoints, when the run is too long to hold whole; nil
    /// otherwise. With `inBackground`, a network that reads backward fills its reverse-reading
    /// checkpoints in the background (the forward direction shows at once; the session must poll).
    static func lazySource(network: RecurrentNetwork, sequence: LoadedSequence, annotations: [AnnotationTrack] = [],
                           inBackground: Bool = false) throws -> CheckpointedRowSource? {
        guard sequence.input.rows > StepWindowPlan.wholeRunLimit else { return nil }
        let run = try CheckpointedRun(network: network, input: sequence.input, tokens: sequence.tokens)
        return CheckpointedRowSource(run: run, annotations: annotations, fillsInBackground: inBackground)
    }
}
