import ArgumentParser

/// `gatescope train` (being built).
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "train", abstract: "Not built yet.")

    func run() throws {
        try reportingErrors { throw UserError("gatescope train is not built yet") }
    }
}
