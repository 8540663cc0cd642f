import ArgumentParser

/// `gatescope record` (being built).
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "record", abstract: "Not built yet.")

    func run() throws {
        try reportingErrors { throw UserError("gatescope record is not built yet") }
    }
}
