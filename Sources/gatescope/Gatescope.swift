import ArgumentParser
import GateFormats

/// The `gatescope` command: the explorer by default, and the headless commands beside it.
@main
struct Gatescope: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gatescope",
        abstract: "Open up a recurrent neural network and watch it think, one timestep at a time.",
        discussion: """
            With no subcommand, gatescope opens the explorer on its best built-in demo.
            Keys in the explorer: ←/→ step, space play, ? help, q quit.
            """,
        version: GatescopeVersion.current,
        subcommands: [
            ExploreCommand.self, ReplayCommand.self, RecordCommand.self, InspectCommand.self,
            TrainCommand.self, DemosCommand.self, RenderCommand.self, DiffCommand.self, LessonCommand.self,
            UnitsCommand.self, ManualCommand.self,
        ],
        defaultSubcommand: ExploreCommand.self
    )

    /// Installs the process-wide signal policy (``ProcessSignals``), then parses and runs the command.
    static func main() {
        ProcessSignals.install()
        main(nil)
    }
}
