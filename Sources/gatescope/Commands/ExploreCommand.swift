import ArgumentParser

/// `gatescope explore` (being built).
struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explore", abstract: "Not built yet.")

    func run() throws {
        try reportingErrors { throw UserError("gatescope explore is not built yet") }
    }
}
