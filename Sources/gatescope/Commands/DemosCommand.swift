import GateCanvas
import ArgumentParser
import GateExplorer

/// `gatescope demos`: the trained demos shipped in demos/ (read from demos/catalog.tsv).
struct DemosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demos",
        abstract: "List the trained demos; open one with `gatescope explore --demo NAME`.",
        discussion: "The list is demos/catalog.tsv, looked for in PREFIX/share/gatescope/demos beside the installed program, then $GATESCOPE_DEMOS, then ./demos, then above the program (a checkout)."
    )

    @Flag(name: .long, help: "Print the catalog's tab-separated lines (name, title, model, input, story).")
    var tsv = false

    func run() throws {
        try reportingErrors {
            let catalog = try DemoCatalog.require()
            guard !catalog.entries.isEmpty else {
                throw UserError("\(catalog.directory)/catalog.tsv lists no demos; reinstall with scripts/install.sh or set GATESCOPE_DEMOS to a demos folder")
            }
            if tsv {
                for e in catalog.entries {
                    // Each field escaped, the separators real tabs (escaping the whole line turned them into ^I).
                    let fields = [e.name, e.title, e.modelPath, e.inputPath ?? "-", e.story]
                    Swift.print(fields.map { TerminalText.escaped($0) }.joined(separator: "\t"))
                }
                return
            }
            let width = catalog.entries.map(\.name.count).max() ?? 0
            print("Demos in \(catalog.directory):")
            for e in catalog.entries {
                print("  " + e.name + String(repeating: " ", count: width - e.name.count + 2) + e.title)
                print("  " + String(repeating: " ", count: width + 2) + e.story)
            }
            print("Open one with: gatescope explore --demo NAME")
        }
    }
}
