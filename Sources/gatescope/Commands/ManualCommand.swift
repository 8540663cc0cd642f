import ArgumentParser
import Foundation

/// `gatescope generate-manual` (hidden): prints the man page, gatescope(1), in roff, built from the
/// argument parser's own description of every command (what `scripts/install.sh` installs).
struct ManualCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-manual",
        abstract: "Print the gatescope(1) man page (roff) to standard output.",
        shouldDisplay: false
    )

    func run() throws {
        try reportingErrors {
            let json = Data(Gatescope._dumpHelp().utf8)
            let tool = try JSONDecoder().decode(ManualToolInfo.self, from: json)
            print(ManualPage(root: tool.command).roff, terminator: "")
        }
    }
}
