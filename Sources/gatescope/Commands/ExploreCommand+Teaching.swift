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
        let (run, source) = try model.map { try modelRun(model: $0) } ?? (try makeRun(), nil)
        let session = TeachingLaunch.session(run: run, source: source, preset: preset, quiz: quiz, present: present, palette: palette)
        try TeachingLaunch.run(session, commandName: "gatescope explore", recordTo: recordTo, model: model,
                               input: input ?? text.map { "text: \($0)" })
    }
}
