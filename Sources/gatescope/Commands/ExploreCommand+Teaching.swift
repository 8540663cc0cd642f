import GateCanvas
import Foundation
import GateCore
import GateExplorer
import GateFormats

extension ExploreCommand {
    /// `--present`, `--quiz`, `--classroom FILE`: the teaching tools (``TeachingApp``) on the model or
    /// demo the other options name, as `gatescope lesson --demo` opens them.
    func runTeaching(palette: ExplorerPalette) throws {
        if input == "-" { throw UserError("--present, --quiz and --classroom need the whole input (not live input from -)") }
        if compareInput != nil { throw UserError("--present, --quiz and --classroom show one run; drop --compare-input") }
        let preset = try TeachingLaunch.preset(path: classroom)
        let session = TeachingLaunch.session(run: try makeRun(), preset: preset, quiz: quiz, present: present, palette: palette)
        try TeachingLaunch.run(session, commandName: "gatescope explore", recordTo: recordTo, model: model,
                               input: input ?? text.map { "text: \($0)" })
    }
}
