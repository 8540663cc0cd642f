import ArgumentParser
import GateCore
import GateExplorer
import GateTerminal

/// `gatescope explore` (the default): step a network through a sequence and watch its gates.
struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Step a recurrent network through a sequence and watch its gates and cell state.",
        discussion: """
            With no options, opens the best demo (a trained one from demos/ when present, else the built-in \
            hand-set bracket counter). Keys: ←/→ step, space play, ↑/↓ unit, s sort, tab panel, ? help, q quit.
            """
    )

    @Option(name: .long, help: "Open the named demo (see `gatescope demos`); `builtin` for the built-in one.")
    var demo: String?

    @Option(name: .long, help: "Colours: `standard` or `cb` (colour-blind safe).")
    var palette: String = "standard"

    func run() throws {
        try reportingErrors {
            guard let palette = ExplorerPalette(rawValue: palette) else {
                throw UserError("unknown palette '\(self.palette)'; use standard or cb")
            }
            let run = BuiltInDemo.run()
            var app = ExplorerApp(run: run, palette: palette)
            try GateTerminal.run(app: &app, commandName: "gatescope explore")
        }
    }
}
