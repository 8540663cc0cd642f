import ArgumentParser

/// `gatescope replay` (being built).
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "replay", abstract: "Not built yet.")

    func run() throws {
        try reportingErrors { throw UserError("gatescope replay is not built yet") }
    }
}
