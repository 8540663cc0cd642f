import ArgumentParser

/// `gatescope inspect` (being built).
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inspect", abstract: "Not built yet.")

    func run() throws {
        try reportingErrors { throw UserError("gatescope inspect is not built yet") }
    }
}
