import ArgumentParser

/// `gatescope demos` (being built).
struct DemosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demos", abstract: "Not built yet.")

    func run() throws {
        try reportingErrors { throw UserError("gatescope demos is not built yet") }
    }
}
