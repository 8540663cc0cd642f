import GateCanvas
import Foundation
import GateCore
import GateExplorer
import GateFormats

extension ExploreCommand {
    /// `--present`, `--quiz`, `--classroom FILE`: the teaching tools (``TeachingApp``) on the model or
    /// demo the other options name, as `gatescope lesson --demo` opens them. A model's input longer
    /// than ``StepWindowPlan/wholeRunLimit`` steps is computed window by window from checkpoints, as
    /// the explorer does (what-if edits then re-run lazily from the edited step).
    func runTeaching(palette: ExplorerPalette) throws {
        if input == "-" { throw UserError("--present, --quiz and --classroom need the whole input (not live input from -)") }
        if compareInput != nil { throw UserError("--present, --quiz and --classroom show one run; drop --compare-input") }
        let preset = try TeachingLaunch.preset(path: classroom)
        let (run, source) = try teachingRun()
        let session = TeachingLaunch.session(run: run, source: source, preset: preset, quiz: quiz, present: present, palette: palette)
        try TeachingLaunch.run(session, commandName: "gatescope explore", recordTo: recordTo, model: model,
                               input: input ?? text.map { "text: \($0)" })
    }

    /// The run to teach on: `--model`'s, or a demo's over a long `--input` computed window by window
    /// (with its source); otherwise ``makeRun()``'s, held whole.
    func teachingRun() throws -> (run: ExplorerRun, source: CheckpointedRowSource?) {
        if let model { return try modelRun(model: model) }
        if let demo, let input, text == nil, let entry = DemoCatalog.locate()?.entry(named: demo) {
            let network = try loadModel(entry.modelPath)
            let sequence = try Self.sequence(network: network, inputPath: input, text: nil)
            if let source = try Self.lazySource(network: network, sequence: sequence) {
                let first = try source.rows(0..<StepWindowPlan.minimumRows)
                return (ExplorerRun(name: entry.name, title: entry.title, story: entry.story.isEmpty ? nil : entry.story,
                                    trace: first, network: network, vocabulary: network.vocabulary), source)
            }
        }
        return (try makeRun(), nil)
    }
}
